package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisServerExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisServerExtension.class)
class DoctorCommandTest {

    @Test
    void aDeadRedisAndAMissingModelAreBothNamedInPlainWords() {
        CliRunner.Result result = CliRunner.run(
                Map.of("REDIS_URL", "redis://127.0.0.1:1", "KONTEXT_MODEL_DIR", "/nonexistent"), "doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .containsPattern("(?m)^FAIL\\s+redis\\s+Redis at redis://127.0.0.1:1 is not reachable \\(connection refused\\)")
                .containsPattern("(?m)^FAIL\\s+model\\s+model folder /nonexistent does not exist")
                .containsPattern("(?m)^OK\\s+java\\s+Java 2")
                .contains("2 checks failed.");
        assertThat(result.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aHealthyRedisReportsItsVersionAndPersistence(RedisServerProcess redis, @TempDir Path data) {
        CliRunner.Result result = CliRunner.run(Map.of("REDIS_URL", redis.url(), "KONTEXT_DATA_DIR", data.toString()),
                "doctor");

        assertThat(result.out())
                .containsPattern("(?m)^OK\\s+redis\\s+Redis \\d+\\.\\d+\\.\\d+ at " + redis.url() + ", append-only file on")
                .containsPattern("(?m)^WARN\\s+model\\s+no model package yet: run will write the stand-in")
                .containsPattern("(?m)^OK\\s+providers\\s+KONTEXT_DEVICE=cpu is available")
                .containsPattern("(?m)^OK\\s+discord\\s+off")
                .containsPattern("(?m)^OK\\s+llm\\s+none")
                .contains("All required checks passed.");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void secretsAreMaskedInTheConfigLines(@TempDir Path data) {
        String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        CliRunner.Result result = CliRunner.run(Map.of("TELEGRAM_BOT_TOKEN", token, "KONTEXT_DATA_DIR", data.toString(),
                "REDIS_URL", "redis://:pw-123456@127.0.0.1:1"), "doctor");

        assertThat(result.out())
                .contains("TELEGRAM_BOT_TOKEN=****", "REDIS_URL=redis://:****@127.0.0.1:1")
                .containsPattern("(?m)^OK\\s+telegram\\s+token well-formed \\(bot id 123456789\\)")
                .doesNotContain(token.substring(10)).doesNotContain("pw-123456");
    }

    @Test
    void aGpuDeviceOnThisCpuBuildFailsWithWhatToInstall(@TempDir Path data) {
        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DEVICE", "cuda", "KONTEXT_DATA_DIR", data.toString(),
                "EMBEDDED_REDIS_PORT", "0"), "doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("(?m)^FAIL\\s+providers\\s+KONTEXT_DEVICE=cuda is not available")
                .contains("CUDA 12", "cuDNN 9");
    }

    @Test
    void anUnreachableLlmEndpointFails(@TempDir Path data) {
        CliRunner.Result result = CliRunner.run(Map.of("LLM_PROVIDER", "ollama", "LLM_BASE_URL", "http://127.0.0.1:1",
                "KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0"), "doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("(?m)^FAIL\\s+llm\\s+ollama at http://127.0.0.1:1 is not reachable");
    }
}
