package dev.kontextbot.conversation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.testing.RedisServerExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

@ExtendWith(RedisServerExtension.class)
class RedisServerProcessTest {

    @Test
    void dataSurvivesARestartFromTheAppendOnlyFile(RedisServerProcess server, UnifiedJedis redis) {
        redis.set("kb:test", "kept");
        server.restart();
        try (UnifiedJedis again = RedisConnector.open(server.url())) {
            assertThat(again.get("kb:test")).isEqualTo("kept");
        }
    }

    @Test
    void anOutageIsATypedErrorAndTheClientRecovers(RedisServerProcess server) {
        // One server stopped is an outage; on the cluster pass its replica takes over (RedisClusterTest covers that).
        RedisServerExtension.assumeSingleServer();
        try (UnifiedJedis redis = RedisConnector.open(server.url())) {
            // With "everysec" a busy disk lets Redis postpone the AOF write by up to two seconds, and SIGKILL loses
            // it; this test is about the client, so the write is made durable before it returns.
            redis.configSet("appendfsync", "always");
            redis.set("k", "v");
            server.kill();
            assertThatThrownBy(() -> RedisGuard.call(() -> redis.get("k")))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("Nothing was lost");
            server.restart();
            assertThat(RedisGuard.call(() -> redis.get("k"))).isEqualTo("v");
        }
    }

    @Test
    void urlsAreValidatedInPlainWords() {
        assertThat(RedisConnector.validate("redis://localhost:6379/0")).isEmpty();
        assertThat(RedisConnector.validate("rediss://:secret@host:6380")).isEmpty();
        assertThat(RedisConnector.validate("http://localhost")).contains("REDIS_URL must start with redis:// or rediss://");
        assertThat(RedisConnector.validate("redis://host/abc")).get().asString().contains("database must be a number");
        assertThat(RedisConnector.validate("")).contains("REDIS_URL is empty");
    }

    @Test
    void findsAnExecutable() {
        Path exe = RedisServerProcess.findExecutable();
        assertThat(exe.toFile()).canRead();
    }
}
