package dev.kontextbot.conversation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisDataException;

/** The job queue goes through RedisGuard: before, a LOADING reply after a restart surfaced as "internal". */
class RedisGuardTest {

    @Test
    void theReplyOfARestartingRedisIsATypedOutageForTheJobQueueToo() {
        assertThatThrownBy(() -> RedisGuard.call(() -> {
            throw new JedisDataException("LOADING Redis is loading the dataset in memory");
        })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("try again in a moment");
    }

    @Test
    void aRealErrorStaysAnError() {
        assertThatThrownBy(() -> RedisGuard.call(() -> {
            throw new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value");
        })).isInstanceOf(JedisDataException.class);
        assertThat(RedisGuard.isTransient(new JedisDataException("ERR unknown command"))).isFalse();
    }
}
