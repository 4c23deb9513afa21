package dev.kontextbot.conversation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

class RedisGuardTest {

    @Test
    void failoverRepliesAreTriedAgainUntilTheClusterAnswers() {
        AtomicInteger calls = new AtomicInteger();
        String value = RedisGuard.call(() -> switch (calls.incrementAndGet()) {
            case 1 -> throw new JedisDataException("CLUSTERDOWN The cluster is down");
            case 2 -> throw new JedisDataException("TRYAGAIN Multiple keys request during rehashing of slot");
            case 3 -> throw new JedisMovedDataException("MOVED 9631 127.0.0.1:7001", new HostAndPort("127.0.0.1", 7001),
                    9631);
            default -> "ok";
        });
        assertThat(value).isEqualTo("ok");
        assertThat(calls).hasValue(4);
    }

    @Test
    void otherErrorsAreNotRepeated() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RedisGuard.call(() -> {
            calls.incrementAndGet();
            throw new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value");
        })).isInstanceOf(JedisDataException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aLostSingleServerIsTriedOnFreshConnectionsThenReportedInPlainWords() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RedisGuard.call(() -> {
            calls.incrementAndGet();
            throw new JedisConnectionException("Connection refused");
        })).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("Redis unreachable");
        assertThat(calls).hasValue(RedisGuard.CONNECTION_ATTEMPTS);
    }

    @Test
    void aStalePooledConnectionAfterARestartIsNotAnOutage() {
        AtomicInteger calls = new AtomicInteger();
        String value = RedisGuard.call(() -> {
            if (calls.incrementAndGet() <= RedisConnector.MAX_IDLE) {
                throw new JedisConnectionException("Unexpected end of stream.");
            }
            return "ok";
        });
        assertThat(value).isEqualTo("ok");
    }

    @Test
    void replicaPresenceIsReadFromInfoReplication() {
        assertThat(ReplicatedWrite.hasReplica("# Replication\r\nrole:master\r\nconnected_slaves:1\r\n")).isTrue();
        assertThat(ReplicatedWrite.hasReplica("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n")).isFalse();
    }

    /** Before, a LOADING reply after a restart surfaced as "internal" for the job queue. */
    @Test
    void theReplyOfARestartingRedisIsATypedOutageForTheJobQueueToo() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RedisGuard.call(() -> {
            calls.incrementAndGet();
            throw new JedisDataException("LOADING Redis is loading the dataset in memory");
        })).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("Redis unreachable");
        assertThat(calls).hasValue(1);
        assertThat(RedisGuard.isTransient(new JedisDataException("ERR unknown command"))).isFalse();
    }
}
