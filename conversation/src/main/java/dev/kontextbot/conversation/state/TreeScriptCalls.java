package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.redis.ReplicatedWrite;
import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.StoreCalls;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs a {@link TreeScripts} script in a conversation's slot, on the primary and its replica, and turns its refusal
 * ({@code ERR} and a reason) into a {@link ConversationException}.
 */
final class TreeScriptCalls {

    private final UnifiedJedis redis;

    TreeScriptCalls(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The script's reply; a refusal is thrown. */
    List<String> run(String conv, String script, String... args) {
        List<String> reply = runRaw(conv, script, args);
        if ("ERR".equals(reply.get(0))) {
            throw error(reply.get(1), reply.get(2));
        }
        return reply;
    }

    /** The script's reply as it is, a refusal ({@code ERR}) included. */
    @SuppressWarnings("unchecked")
    List<String> runRaw(String conv, String script, String... args) {
        // Every tree script changes what users see (a version, the head, a reference): a replica must have it too.
        String meta = ConversationKeyspace.meta(conv);
        Object reply = StoreCalls.call(() -> ReplicatedWrite.run(redis, meta, connection -> connection.executeCommand(
                ReplicatedWrite.commands().eval(script, List.of(meta), List.of(args)))));
        return (List<String>) reply;
    }

    static RuntimeException error(String reason, String detail) {
        return switch (reason) {
            case "EMPTY" -> new ConversationException(new Refusal.NoImageYet());
            case "NOTHING_TO_UNDO" -> new ConversationException(new Refusal.NothingToUndo());
            case "NOTHING_TO_REDO" -> new ConversationException(new Refusal.NothingToRedo());
            case "VERSION_NOT_FOUND" -> new ConversationException(new Refusal.VersionGone(detail));
            case "IMAGE_MISSING" -> new ConversationException(new Refusal.ImageNotHere());
            case "FORGOTTEN" -> new ConversationException(new Refusal.Forgotten());
            case "REFERENCE_LIMIT" -> new ConversationException(new Refusal.ReferenceLimit(ConversationStore.REFERENCES_PER_KIND));
            default -> new IllegalStateException("Unexpected reply from a conversation script: " + reason);
        };
    }
}
