package dev.kontextbot.conversation.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.testing.RedisServerExtension;
import dev.kontextbot.conversation.testing.RedisTest;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

@RedisTest
class StoreCallsTest {

    @Test
    void serverRepliesThatMeanBackInAMomentAreOutages() {
        for (String reply : new String[] {"LOADING Redis is loading the dataset in memory",
                "READONLY You can't write against a read only replica."}) {
            assertThatThrownBy(() -> StoreCalls.call(() -> {
                throw new JedisDataException(reply);
            })).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("Redis unreachable");
        }
    }

    @Test
    void realErrorsStayErrors(UnifiedJedis redis) {
        redis.set("kb:test:string", "x");
        assertThatThrownBy(() -> StoreCalls.call(() -> redis.hget("kb:test:string", "f")))
                .isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void aLostConnectionIsAnOutageToo(RedisServerProcess server, UnifiedJedis redis) {
        // One server stopped is an outage; on the cluster pass its replica takes over (RedisClusterTest covers that).
        RedisServerExtension.assumeSingleServer();
        // With "everysec" a busy disk lets Redis postpone the AOF write by up to two seconds, and SIGKILL loses it;
        // this test is about the client, so the write is made durable before it returns (the restart resets it).
        redis.configSet("appendfsync", "always");
        redis.set("kb:test:k", "v");
        server.kill();
        assertThatThrownBy(() -> StoreCalls.call(() -> redis.get("kb:test:k")))
                .isInstanceOf(StoreUnavailableException.class);
        server.restart();
        assertThat(StoreCalls.call(() -> redis.get("kb:test:k"))).isEqualTo("v");
    }
}
