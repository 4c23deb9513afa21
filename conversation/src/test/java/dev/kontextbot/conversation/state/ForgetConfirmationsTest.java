package dev.kontextbot.conversation.state;

import static dev.kontextbot.conversation.state.ForgetConfirmations.Answer.ASK_AGAIN;
import static dev.kontextbot.conversation.state.ForgetConfirmations.Answer.CONFIRMED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class ForgetConfirmationsTest {

    @Test
    void onlyTheSamePersonInALaterTurnConfirms(UnifiedJedis redis) {
        ForgetConfirmations confirmations = new ForgetConfirmations(redis);
        assertThat(confirmations.request("web:s1", "alice", "turn-1")).isEqualTo(ASK_AGAIN);
        // An LLM calling the tool twice in one turn has not heard the user confirm.
        assertThat(confirmations.request("web:s1", "alice", "turn-1")).isEqualTo(ASK_AGAIN);
        // Someone else's "forget" is a new request of their own.
        assertThat(confirmations.request("web:s1", "bob", "turn-2")).isEqualTo(ASK_AGAIN);
        assertThat(confirmations.request("web:s1", "alice", "turn-3")).isEqualTo(ASK_AGAIN);
        assertThat(redis.pttl("kb:{web:s1}:forgetask")).isPositive()
                .isLessThanOrEqualTo(ForgetConfirmations.WINDOW.toMillis());
        assertThat(confirmations.request("web:s1", "alice", "turn-4")).isEqualTo(CONFIRMED);
        // Used once: the next request asks again.
        assertThat(confirmations.request("web:s1", "alice", "turn-5")).isEqualTo(ASK_AGAIN);
        assertThat(confirmations.request("web:s2", "alice", "turn-6")).isEqualTo(ASK_AGAIN);
    }
}
