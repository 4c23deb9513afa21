package dev.kontextbot.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose's Redis has a password (a Docker secret); the bot reads it through REDIS_PASSWORD_FILE. */
class RedisPasswordFileTest {

    @Test
    void thePasswordOfTheFileGoesIntoTheUrlAndIsMasked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("redis.password"), "0123456789abcdef0123\n");
        KontextConfig config = new ConfigLoader(Map.of("REDIS_URL", "redis://redis:6379",
                "REDIS_PASSWORD_FILE", file.toString())).load(Optional.empty());

        assertThat(config.redisUrl()).contains("redis://:0123456789abcdef0123@redis:6379");
        assertThat(SecretMasker.of(config).mask("connecting with 0123456789abcdef0123"))
                .isEqualTo("connecting with ****");
    }

    @Test
    void aPasswordInTheUrlWins(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("redis.password"), "from-the-file-1234");
        KontextConfig config = new ConfigLoader(Map.of("REDIS_URL", "redis://:in-the-url-5678@redis:6379/0",
                "REDIS_PASSWORD_FILE", file.toString())).load(Optional.empty());

        assertThat(config.redisUrl()).contains("redis://:in-the-url-5678@redis:6379/0");
        assertThat(List.of(config.redisUrl().orElseThrow())).noneMatch(u -> u.contains("from-the-file"));
    }
}
