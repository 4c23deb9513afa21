package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** {@code run} with REDIS_URL: connects to that server, starts none of its own, leaves it running. */
@RedisTest
class RunWithExternalRedisTest {

    @Test
    void usesTheConfiguredServerAndLeavesItRunning(RedisServerProcess redis, UnifiedJedis client, @TempDir Path data)
            throws Exception {
        client.set("kb:from-test", "seen");
        Map<String, String> env = Map.of("REDIS_URL", redis.url(), "KONTEXT_DATA_DIR", data.toString());

        CliRunner run = RunCommandTest.runUntilReady(env, bot -> assertThat(bot.get("kb:from-test")).isEqualTo("seen"));

        assertThat(run.out()).contains("Redis:    Redis at " + redis.url() + "\n").doesNotContain("embedded Redis");
        assertThat(data.resolve("redis")).doesNotExist();
        assertThat(client.ping()).isEqualTo("PONG");
    }

    @Test
    void anUnreachableServerStopsTheStartWithAPlainLine(@TempDir Path data) {
        CliRunner.Result result = CliRunner.run(Map.of("REDIS_URL", "redis://:secret-pw@127.0.0.1:1/2",
                "KONTEXT_DATA_DIR", data.toString()), "run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("kontextbot: Redis at redis://:****@127.0.0.1:1/2 is not reachable "
                + "(connection refused): start it, fix REDIS_URL, or unset REDIS_URL to use the embedded Redis\n");
    }
}
