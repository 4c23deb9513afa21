package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.StoreCalls;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * "Forget" deletes a conversation for good, so it must be said twice: the first request is remembered for
 * {@link #WINDOW} ({@code kb:{conv}:forgetask}, outside the conversation's fixed keys so nothing else refreshes it),
 * and the same person asking again in a later turn within that time confirms it. A second call within the same turn
 * (an LLM repeating itself) does not count.
 */
public final class ForgetConfirmations {

    public static final Duration WINDOW = Duration.ofMinutes(2);

    /** KEYS: the ask key. ARGV: asker, turn, window ms. Replies 1 when confirmed (and clears the ask), else 0. */
    private static final String CONFIRM = """
            local asked = redis.call('GET', KEYS[1])
            local mine = ARGV[1] .. '\\n'
            if asked and string.sub(asked, 1, #mine) == mine and asked ~= mine .. ARGV[2] then
              redis.call('DEL', KEYS[1])
              return 1
            end
            redis.call('SET', KEYS[1], mine .. ARGV[2], 'PX', ARGV[3])
            return 0
            """;

    public enum Answer { ASK_AGAIN, CONFIRMED }

    private final UnifiedJedis redis;

    public ForgetConfirmations(UnifiedJedis redis) {
        this.redis = redis;
    }

    /**
     * @param userId who asks (only they can confirm their own request)
     * @param turnId an id unique to the current turn
     */
    public Answer request(String conv, String userId, String turnId) {
        Object reply = StoreCalls.call(() -> redis.eval(CONFIRM, List.of(ConversationKeyspace.key(conv, "forgetask")),
                List.of(userId, turnId, Long.toString(WINDOW.toMillis()))));
        return Long.valueOf(1).equals(reply) ? Answer.CONFIRMED : Answer.ASK_AGAIN;
    }
}
