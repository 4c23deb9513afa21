package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StoreCalls;
import java.util.Optional;
import java.util.stream.Stream;
import redis.clients.jedis.UnifiedJedis;

/**
 * Which version a platform message shows ({@code kb:msg:<platform>:<chat>:<message>}), so a reply to a result edits
 * from that version. Entries live as long as an idle conversation.
 */
final class MessageIndex {

    /** A message's entry: the conversation and version it shows. */
    record Entry(String conversation, String versionId) {
    }

    private final UnifiedJedis redis;
    private final RetentionPolicy policy;
    private final TreeScriptCalls scripts;

    MessageIndex(UnifiedJedis redis, RetentionPolicy policy, TreeScriptCalls scripts) {
        this.redis = redis;
        this.policy = policy;
        this.scripts = scripts;
    }

    void record(MessageRef msg, String conv, String versionId) {
        String key = key(msg);
        scripts.run(conv, TreeScripts.RECORD_MESSAGE, Long.toString(policy.idleTtl().toMillis()), key, versionId);
        String value = String.join("\n", conv, versionId, msg.platform(), msg.chatId());
        StoreCalls.run(() -> redis.psetex(key, policy.idleTtl().toMillis(), value));
    }

    /** The entry of a message, only when it was recorded in the chat the message comes from. */
    Optional<Entry> resolve(MessageRef msg) {
        String value = StoreCalls.call(() -> redis.get(key(msg)));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\n", -1);
        if (parts.length != 4 || !parts[2].equals(msg.platform()) || !parts[3].equals(msg.chatId())) {
            return Optional.empty();
        }
        return Optional.of(new Entry(parts[0], parts[1]));
    }

    private static String key(MessageRef msg) {
        return "kb:msg:" + Stream.of(msg.platform(), msg.chatId(), msg.messageId())
                .map(ConversationKeyspace::escape).reduce((a, b) -> a + ":" + b).orElseThrow();
    }
}
