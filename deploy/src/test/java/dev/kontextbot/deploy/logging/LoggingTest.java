package dev.kontextbot.deploy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.kontextbot.deploy.config.ConfigLoader;
import dev.kontextbot.deploy.config.KontextConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logs through SLF4J into the real Logback set-up and reads what reaches stdout. */
class LoggingTest {

    private static final String TELEGRAM = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String API_KEY = "sk-test-9f8e7d6c5b4a";

    private final Logger log = LoggerFactory.getLogger("dev.kontextbot.test");
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStdout() {
        originalOut = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        LogSetup.apply(KontextConfig.defaults());
        MDC.clear();
    }

    @Test
    void textLinesCarryTheConversationAndMaskSecrets() {
        LogSetup.apply(config(Map.of("TELEGRAM_BOT_TOKEN", TELEGRAM, "LLM_API_KEY", API_KEY, "LLM_PROVIDER", "openai")));

        MDC.put("conv", "tg:42");
        log.info("calling https://api.telegram.org/bot{}/getMe with key {}", TELEGRAM, API_KEY);
        MDC.remove("conv");
        log.info("no conversation here");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("INFO", "dev.kontextbot.test", "[conv tg:42]", "bot****/getMe with key ****")
                .doesNotContain(TELEGRAM).doesNotContain(API_KEY);
        assertThat(lines.get(1)).contains("no conversation here").doesNotContain("[conv");
    }

    @Test
    void jsonFormatWritesOneObjectPerLineMasked() {
        LogSetup.apply(config(Map.of("LOG_FORMAT", "json", "LLM_API_KEY", API_KEY, "LLM_PROVIDER", "openai")));

        MDC.put("conv", "dc:7");
        log.warn("key {} refused\nsecond line", API_KEY);

        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{").endsWith("}")
                .contains("\"level\":\"WARN\"", "\"conv\":\"dc:7\"", "key **** refused")
                .doesNotContain(API_KEY);
    }

    @Test
    void secretsInStackTracesAreMaskedToo() {
        LogSetup.apply(config(Map.of("LLM_API_KEY", API_KEY, "LLM_PROVIDER", "openai")));

        log.error("call failed", new IllegalStateException("server said: bad key " + API_KEY));

        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("IllegalStateException: server said: bad key ****").doesNotContain(API_KEY);
    }

    @Test
    void logLevelAppliesToOurLoggers() {
        LogSetup.apply(config(Map.of("LOG_LEVEL", "warn")));

        log.info("hidden");
        log.warn("shown");

        assertThat(lines()).singleElement().asString().contains("shown");
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    }

    @Test
    void theTokenizersCudaProbeWarnsNoMoreOnACpuMachineButItsErrorsStillShow() {
        LogSetup.apply(KontextConfig.defaults());
        Logger probe = LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils");

        probe.warn("Failed to detect GPU count: {} ({})", "CUDA driver version is insufficient for CUDA runtime version", 35);
        probe.error("a real failure");

        assertThat(lines()).singleElement().asString().contains("a real failure");
    }

    @Test
    void theChatLogsToAFileAndOnlyErrorsReachTheTerminal(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        Path file = dir.resolve("logs").resolve("chat.log");
        try {
            KontextConfig config = config(Map.of("LLM_API_KEY", API_KEY, "LLM_PROVIDER", "openai"));
            LogSetup.apply(config);
            LogSetup.useFileAndErrorsOnStandardError(config, file);
            log.info("job stored with key {}", API_KEY);
            log.warn("disk almost full");
            log.error("disk full");
        } finally {
            LogSetup.apply(KontextConfig.defaults());
            System.setErr(originalErr);
        }

        assertThat(lines()).as("stdout stays the conversation's").isEmpty();
        assertThat(errors.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("ERROR", "disk full");
        assertThat(Files.readAllLines(file)).hasSize(3).anySatisfy(l -> assertThat(l).contains("job stored with key ****"))
                .noneSatisfy(l -> assertThat(l).contains(API_KEY));
    }

    private static KontextConfig config(Map<String, String> env) {
        return new ConfigLoader(env).load(Optional.empty());
    }

    private List<String> lines() {
        return Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
