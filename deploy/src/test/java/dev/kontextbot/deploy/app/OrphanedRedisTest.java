package dev.kontextbot.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Real processes. Before: a bot killed with SIGKILL (or out of memory) left its embedded redis-server running and
 * the next start refused ("Port ... is taken"); closing the terminal of {@code kontextbot chat} (SIGHUP) left its
 * Redis running with no owner; and the embedded Redis had no password.
 */
@Tag("integration")
class OrphanedRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void aRedisLeftByAKilledBotIsStoppedAtTheNextStartWithItsDataKeptAndItNeedsThePassword() throws Exception {
        Path redisDir = dir.resolve("redis");
        int port = freePort();
        Process owner = startOwner(redisDir, port);
        ProcessHandle orphan = RedisServerProcess.runningFrom(redisDir).orElseThrow();
        owner.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        assertThat(orphan.isAlive()).as("the redis-server outlives its killed bot").isTrue();
        assertThatThrownBy(() -> ping("redis://127.0.0.1:" + port)).as("no password, no access")
                .isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
        assertThat(Files.readString(redisDir.resolve(EmbeddedRedis.PASSWORD_FILE)).trim()).hasSize(64);

        EmbeddedRedis next = new EmbeddedRedis(redisDir, port);
        try {
            next.start();
            assertThat(orphan.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            try (UnifiedJedis client = RedisConnector.open(next.url())) {
                assertThat(client.get("kb:test:kept")).isEqualTo("yes");
            }
            assertThat(next.describe()).doesNotContain(Files.readString(redisDir.resolve(EmbeddedRedis.PASSWORD_FILE))
                    .trim());
        } finally {
            next.stop(Duration.ZERO);
        }
        assertThat(RedisServerProcess.runningFrom(redisDir)).isEmpty();
    }

    /**
     * SIGHUP (the terminal closed) runs the JVM's shutdown hooks as SIGTERM does; {@code chat} registers none before,
     * so its Redis outlived it. The owner here is wired exactly as {@code run} and {@code chat} now are; the real
     * {@code chat} in its own JVM is {@code ChatHangupTest}.
     */
    @Test
    void aBotWhoseTerminalClosesStopsItsRedis() throws Exception {
        Path redisDir = dir.resolve("redis");
        Process owner = startOwner(redisDir, freePort());
        ProcessHandle redis = RedisServerProcess.runningFrom(redisDir).orElseThrow();

        new ProcessBuilder("kill", "-HUP", Long.toString(owner.pid())).start().waitFor();

        assertThat(owner.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the bot exits on SIGHUP").isTrue();
        redis.onExit().completeOnTimeout(redis, 30, TimeUnit.SECONDS).get();
        assertThat(redis.isAlive()).as("its Redis stopped with it").isFalse();
        assertThat(RedisServerProcess.runningFrom(redisDir)).isEmpty();
    }

    /** Starts {@link EmbeddedRedisOwnerMain} and waits until its Redis is up. */
    private static Process startOwner(Path redisDir, int port) throws IOException {
        Process owner = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                EmbeddedRedisOwnerMain.class.getName(), redisDir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // start-up logs
        }
        assertThat(line).as("the owner started its Redis").isEqualTo("READY");
        // Keep draining its output so it never blocks on a full pipe.
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
        return owner;
    }

    private static void ping(String url) {
        try (UnifiedJedis redis = RedisConnector.open(url)) {
            redis.ping();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
