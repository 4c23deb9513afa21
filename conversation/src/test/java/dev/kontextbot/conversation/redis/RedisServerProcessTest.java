package dev.kontextbot.conversation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.testing.RedisServerExtension;
import dev.kontextbot.conversation.testing.RedisTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
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
                    .hasMessageStartingWith("Redis unreachable");
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

    /**
     * Before: the data folder and Redis' append-only files were rwxr-xr-x and rw-r--r-- although the folder holds the
     * password and every user's pictures. Now owner-only, also for what an older version left readable.
     */
    @Test
    void theDataFolderAndEveryFileInItAreOwnerOnly(@org.junit.jupiter.api.io.TempDir Path parent) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews().contains("posix"));
        Path dir = parent.resolve("redis");
        java.nio.file.Files.createDirectories(dir.resolve("appendonlydir"));
        Path old = java.nio.file.Files.writeString(dir.resolve("appendonlydir/left-by-an-older-version"), "x");
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rw-r--r--"));
        RedisServerProcess server = RedisServerProcess.start(new RedisServerProcess.Options(dir, 0, true, "pw-1234567890abcdef"));
        try (UnifiedJedis client = RedisConnector.open(server.url())) {
            client.set("kb:test", "kept");
            client.sendCommand(redis.clients.jedis.Protocol.Command.BGREWRITEAOF); // new files, written by Redis
            Waits.until(() -> !"1".equals(client.info("persistence").replaceAll("(?s).*aof_rewrite_in_progress:(\\d).*", "$1")));
            try (var all = java.nio.file.Files.walk(dir)) {
                java.util.List<Path> paths = all.toList();
                assertThat(paths.stream().filter(java.nio.file.Files::isRegularFile)).as("files").hasSizeGreaterThan(3)
                        .allSatisfy(p -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                                java.nio.file.Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rw-------"));
                assertThat(paths.stream().filter(java.nio.file.Files::isDirectory)).as("folders")
                        .allSatisfy(p -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                                java.nio.file.Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rwx------"));
            }
        } finally {
            server.stop();
        }
    }

    /** A bounded wait (10 s) for a condition. */
    private static final class Waits {
        static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}
