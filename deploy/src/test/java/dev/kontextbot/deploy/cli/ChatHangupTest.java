package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.deploy.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kontextbot chat} in its own JVM, started with the launcher's flags: closing its terminal
 * (SIGHUP) ends it and stops the embedded redis-server of its data folder, so no Redis is left without an owner.
 */
@Tag("integration")
class ChatHangupTest {

    private static final long WAIT_SECONDS = 120;

    @Test
    void closingTheTerminalOfAChatStopsItsEmbeddedRedis(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path output = dir.resolve("chat.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The flags of ./kontextbot: without native access ONNX Runtime's loading is refused or crashes.
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "chat"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("REDIS_") || k.startsWith("KONTEXT_")
                || k.startsWith("LLM_") || k.startsWith("DISCORD_") || k.startsWith("TELEGRAM_"));
        builder.environment().put("KONTEXT_DATA_DIR", data.toString());
        builder.environment().put("EMBEDDED_REDIS_PORT", "0");
        Process chat = builder.start(); // stdin stays an open pipe: the chat waits for the user's next line
        try {
            String greeting = "Type a message";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!(Files.exists(output) && Files.readString(output).contains(greeting))) {
                assertThat(chat.isAlive()).as("the chat is running; exit %s, its output:%n%s",
                        chat.isAlive() ? "-" : chat.exitValue(), read(output)).isTrue();
                assertThat(System.nanoTime()).as("the chat greets within %d s", WAIT_SECONDS).isLessThan(deadline);
                Thread.sleep(200);
            }
            ProcessHandle redis = RedisServerProcess.runningFrom(data.resolve("redis")).orElseThrow(
                    () -> new AssertionError("no redis-server of the data folder; output:\n" + read(output)));

            new ProcessBuilder("kill", "-HUP", Long.toString(chat.pid())).start().waitFor(10, TimeUnit.SECONDS);

            assertThat(chat.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("the chat exits on SIGHUP").isTrue();
            redis.onExit().completeOnTimeout(redis, 30, TimeUnit.SECONDS).get();
            assertThat(redis.isAlive()).as("its redis-server stopped with it; output:%n%s", read(output)).isFalse();
            assertThat(RedisServerProcess.runningFrom(data.resolve("redis"))).isEmpty();
            assertThat(read(output)).doesNotContain("SIGSEGV").doesNotContain("Exception");
        } finally {
            chat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            RedisServerProcess.runningFrom(data.resolve("redis")).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
