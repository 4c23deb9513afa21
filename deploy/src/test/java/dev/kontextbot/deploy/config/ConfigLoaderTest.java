package dev.kontextbot.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.kontextbot.inference.pipeline.ModelFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noConfigurationGivesTheDocumentedDefaults() {
        KontextConfig config = new ConfigLoader(Map.of()).load(Optional.empty());

        assertThat(config.device()).isEqualTo(dev.kontextbot.inference.model.ExecutionProviders.Device.CPU);
        assertThat(config.steps(ModelFamily.KONTEXT)).isEqualTo(28);
        assertThat(config.guidance(ModelFamily.KONTEXT)).isEqualTo(2.5);
        assertThat(config.steps(ModelFamily.KLEIN)).isEqualTo(4);
        assertThat(config.guidance(ModelFamily.KLEIN)).isZero();
        assertThat(config.family()).as("auto").isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.modelDir()).isEmpty();
        assertThat(config.llmProvider()).isEqualTo(LlmProvider.NONE);
        assertThat(config.webBind().getHostString()).isEqualTo("127.0.0.1");
        assertThat(config.webBind().getPort()).isEqualTo(8080);
        assertThat(config.jobsPerUser()).isEqualTo(2);
        assertThat(config.jobsMaxAttempts()).isEqualTo(2);
        assertThat(config.conversationIdle()).isEqualTo(Duration.ofDays(30));
        assertThat(config.conversationMaxVersions()).isEqualTo(100);
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void everyDefaultPassesItsOwnValidator() {
        for (Setting setting : Setting.values()) {
            setting.defaultValue().ifPresent(value -> assertThat(setting.problem(value)).as(setting.name()).isEmpty());
        }
    }

    @Test
    void listsEveryProblemAtOnce() {
        Map<String, String> env = Map.of(
                "REDIS_URL", "http://localhost:6379",
                "KONTEXT_DEVICE", "gpu",
                "KONTEXT_STEPS", "many",
                "TELEGRAM_BOT_TOKEN", "not-a-token");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(env).load(Optional.empty()));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("REDIS_URL").contains("redis://"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("KONTEXT_DEVICE").contains("cpu, cuda, tensorrt").contains("gpu"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("KONTEXT_STEPS").contains("whole number"));
        // A problem with a secret never repeats its value.
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("TELEGRAM_BOT_TOKEN").doesNotContain("not-a-token"));
    }

    @Test
    void outOfRangeNumbersAreRefusedWithTheRange() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of("KONTEXT_GUIDANCE", "99", "KONTEXT_GPU", "-1")).load(Optional.empty()));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "KONTEXT_GPU must be between 0 and 63 (was -1)",
                "KONTEXT_GUIDANCE must be between 0.0 and 20.0 (was 99)");
    }

    @Test
    void environmentWinsOverTheFile() throws IOException {
        Path file = dir.resolve("kontextbot.env");
        Files.writeString(file, """
                # machine defaults
                KONTEXT_STEPS=20
                export KONTEXT_GUIDANCE="3.5"
                LLM_MODEL='llava'

                KONTEXT_DATA_DIR=/srv/kontextbot
                """);

        KontextConfig config = new ConfigLoader(Map.of("KONTEXT_STEPS", "12", "UNRELATED", "x")).load(Optional.of(file));

        assertThat(config.steps(ModelFamily.KLEIN)).isEqualTo(12);
        assertThat(config.guidance(ModelFamily.KONTEXT)).isEqualTo(3.5);
        assertThat(config.llmModel()).contains("llava");
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/kontextbot"));
    }

    @Test
    void blankValuesCountAsUnset() {
        KontextConfig config = new ConfigLoader(Map.of("REDIS_URL", " ", "KONTEXT_STEPS", "")).load(Optional.empty());

        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.steps(ModelFamily.KONTEXT)).isEqualTo(28);
    }

    @Test
    void fileProblemsAreListedWithTheValueProblems() throws IOException {
        Path file = dir.resolve("bad.env");
        Files.writeString(file, "KONTEXT_STEP=20\njust words\nKONTEXT_DEVICE=npu\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(Optional.of(file)));

        assertThat(e.problems()).containsExactly(
                "bad.env line 1: unknown setting KONTEXT_STEP",
                "bad.env line 2 is not KEY=value",
                "KONTEXT_DEVICE must be one of cpu, cuda, tensorrt (was 'npu')");
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(dir.resolve("nope.env"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Cannot read the configuration file")
                .hasMessageContaining("no such file");
    }

    @Test
    void openAiWithoutKeyOrEndpointIsRefused() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("LLM_PROVIDER", "openai")).load(Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LLM_PROVIDER=openai needs LLM_API_KEY");

        KontextConfig local = new ConfigLoader(Map.of("LLM_PROVIDER", "openai", "LLM_BASE_URL", "http://localhost:8000/v1"))
                .load(Optional.empty());
        assertThat(local.llmBaseUrl()).isEqualTo("http://localhost:8000/v1");
        KontextConfig ollama = new ConfigLoader(Map.of("LLM_PROVIDER", "ollama")).load(Optional.empty());
        assertThat(ollama.llmBaseUrl()).isEqualTo("http://localhost:11434");
    }

    @Test
    void wellFormedTokensAreAccepted() {
        String telegram = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        String discord = "MTA0NTYzNzQ1NjM0NTY3ODkwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";

        KontextConfig config = new ConfigLoader(Map.of("TELEGRAM_BOT_TOKEN", telegram, "DISCORD_TOKEN", discord))
                .load(Optional.empty());

        assertThat(config.telegramBotToken()).contains(telegram);
        assertThat(config.discordToken()).contains(discord);
        assertThat(config.display(Setting.DISCORD_TOKEN)).contains(SecretMasker.MASK);
    }

    @Test
    void theRedisPasswordIsMaskedForDisplay() {
        KontextConfig config = new ConfigLoader(Map.of("REDIS_URL", "redis://:hunter22@cache:6379/1")).load(Optional.empty());

        assertThat(config.display(Setting.REDIS_URL)).contains("redis://:****@cache:6379/1");
    }
}
