package dev.kontextbot.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/** The embedded Redis keeps its folder (the password, the append-only files, the log) to its owner. */
@Tag("integration")
class EmbeddedRedisFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void theFolderIsRwxForTheOwnerOnlyAndEveryFileInItRwForTheOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path redisDir = dataDir.resolve("redis");
        EmbeddedRedis redis = new EmbeddedRedis(redisDir, 0);
        redis.start();
        try (RedisClient client = RedisClient.builder().fromURI(java.net.URI.create(redis.url())).build()) {
            client.set("kb:test", "kept");
        } finally {
            redis.stop(Duration.ZERO);
        }
        List<Path> paths;
        try (var all = Files.walk(redisDir)) {
            paths = all.toList();
        }
        assertThat(paths).contains(redisDir.resolve(EmbeddedRedis.PASSWORD_FILE));
        assertThat(paths).allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
    }
}
