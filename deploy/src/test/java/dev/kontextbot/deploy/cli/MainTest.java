package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.deploy.app.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void versionComesFromTheBuild() {
        CliRunner.Result result = CliRunner.run(Map.of(), "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(result.out()).startsWith("kontextbot " + Version.current()).contains("Java 2");
    }

    @Test
    void helpDescribesEachSubcommandInOneLine() {
        CliRunner.Result result = CliRunner.run(Map.of(), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .containsPattern("(?m)^\\s+run\\s+Start the bot")
                .containsPattern("(?m)^\\s+doctor\\s+Check configuration")
                .contains("--config=FILE", "--version");
    }

    @Test
    void noCommandShowsUsageWithExitCode2() {
        CliRunner.Result result = CliRunner.run(Map.of());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: kontextbot");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRunner.Result result = CliRunner.run(Map.of(), "doctor", "--frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void aWrongConfigurationIsRefusedWithAllProblemsAndNoStackTrace() {
        Map<String, String> env = Map.of("REDIS_URL", "localhost:6379", "KONTEXT_DEVICE", "quantum");

        for (String command : new String[] {"run", "doctor"}) {
            CliRunner.Result result = CliRunner.run(env, command);

            assertThat(result.exitCode()).as(command).isEqualTo(2);
            assertThat(result.err()).as(command)
                    .contains("the configuration has 2 problems:")
                    .contains("- REDIS_URL must start with redis:// or rediss://")
                    .contains("- KONTEXT_DEVICE must be one of cpu, cuda, tensorrt (was 'quantum')");
            assertThat(result.all()).as(command).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theConfigFileIsReadBeforeOrAfterTheCommandName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bot.env");
        Files.writeString(file, "KONTEXT_DEVICE=abacus\n");

        assertThat(CliRunner.run(Map.of(), "--config", file.toString(), "doctor").err()).contains("(was 'abacus')");
        assertThat(CliRunner.run(Map.of(), "doctor", "--config", file.toString()).err()).contains("(was 'abacus')");
        // The environment wins over the file.
        assertThat(CliRunner.run(Map.of("KONTEXT_DEVICE", "tpu"), "doctor", "--config", file.toString()).err())
                .contains("(was 'tpu')").doesNotContain("abacus");
    }
}
