package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.redis.RedisConnector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** {@code run} in-process: embedded Redis under a temporary data dir, started, used, stopped, restarted. */
@Tag("integration")
class RunCommandTest {

    private static final java.util.regex.Pattern WEB_URL =
            java.util.regex.Pattern.compile("Running:  web playground on (http://127\\.0\\.0\\.1:\\d+/)");

    private static final Pattern REDIS_URL = Pattern.compile("Redis at (redis://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path data;

    @Test
    void freshMachineGetsTheStandInAndEmbeddedRedisStopsCleanlyAndStateSurvivesARestart() throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", Integer.toString(port));

        CliRunner first = runUntilReady(env, redis -> redis.set("kb:test", "kept"));
        Path standIn = data.resolve("models").resolve("stand-in");
        assertThat(first.out()).contains("Model:    " + standIn + " (written just now); stand-in model: not a real edit")
                .contains("Redis:    embedded Redis at redis://127.0.0.1:" + port + ", append-only");
        assertThat(standIn.resolve("transformer.opt")).isDirectory();
        assertThat(data.resolve("redis").resolve("redis-server.log")).exists();
        assertThatThrownBy(() -> ping(dev.kontextbot.deploy.app.EmbeddedRedis.urlOf(data.resolve("redis"), port))).as("the embedded Redis stops with the bot")
                .isInstanceOf(redis.clients.jedis.exceptions.JedisConnectionException.class);

        CliRunner second = runUntilReady(env, redis -> assertThat(redis.get("kb:test")).isEqualTo("kept"));
        assertThat(second.out()).contains("Model:    " + standIn + "; stand-in model").doesNotContain("written just now");
    }

    @Test
    void aConfiguredModelFolderIsUsedAsIs() throws Exception {
        Path model = Files.createDirectories(data.resolve("my-model"));
        // The front end alone does not load the model: workers run apart.
        Map<String, String> env = Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                "KONTEXT_MODEL_DIR", model.toString(), "KONTEXT_LOCAL_WORKER", "false");

        CliRunner run = runUntilReady(env, redis -> assertThat(redis.ping()).isEqualTo("PONG"));

        assertThat(run.out()).contains("Model:    KONTEXT_MODEL_DIR " + model + " (FLUX.1 Kontext [dev])\n")
                .contains("Licence:  FLUX.1 Kontext [dev], FLUX.1 [dev] Non-Commercial License: non-commercial use only")
                .doesNotContain("Running:  worker");
        assertThat(data.resolve("models")).doesNotExist();
    }

    @Test
    void aTakenPortIsReportedPlainly() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(),
                    "EMBEDDED_REDIS_PORT", Integer.toString(taken.getLocalPort()),
                    "KONTEXT_MODEL_DIR", Files.createDirectories(data.resolve("m")).toString()), "run");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("kontextbot: Port " + taken.getLocalPort() + " on 127.0.0.1 is taken")
                    .contains("EMBEDDED_REDIS_PORT").doesNotContain("\tat ");
        }
    }

    /**
     * Before: when Telegram failed to start, the engine, the worker thread, the web server and the Jedis pool that
     * had already started kept running against a Redis that was then stopped.
     */
    @Test
    void aFailedStartStopsEverythingThatHadStarted() throws IOException {
        int redisPort = freePort();
        int webPort = freePort();
        int deadTelegram = freePort();
        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(),
                "EMBEDDED_REDIS_PORT", Integer.toString(redisPort), "WEB_BIND", "127.0.0.1:" + webPort,
                "TELEGRAM_BOT_TOKEN", "123456:AAtest-token-that-nobody-ever-checks",
                "TELEGRAM_API_URL", "http://127.0.0.1:" + deadTelegram,
                // The missing-classifier warning would come first; this test is about the failed start alone.
                "SAFETY_MODE", "off"), "run");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).startsWith("kontextbot: Telegram could not start").doesNotContain("\tat ");
        assertThat(Thread.getAllStackTraces().keySet()).as("no worker thread left running")
                .noneMatch(t -> t.getName().startsWith("job-worker-") && t.isAlive());
        assertThatThrownBy(() -> ping(dev.kontextbot.deploy.app.EmbeddedRedis.urlOf(data.resolve("redis"), redisPort))).as("the embedded Redis was stopped")
                .isInstanceOf(redis.clients.jedis.exceptions.JedisConnectionException.class);
        assertThat(portOpen(webPort)).as("the playground was stopped").isFalse();
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Before: Main.report printed exception messages as they were, secrets included. */
    @Test
    void aFailureMessageNeverShowsASecret() {
        String secret = "hunter2hunter2hunter2";
        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                "PLAYGROUND_TOKEN", secret, "KONTEXT_MODEL_DIR", "/nonexistent/" + secret), "run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("kontextbot: KONTEXT_MODEL_DIR /nonexistent/**** does not exist")
                .doesNotContain(secret);
    }

    @Test
    void aMissingModelFolderIsReportedPlainly() {
        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                "KONTEXT_MODEL_DIR", "/nonexistent"), "run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("kontextbot: KONTEXT_MODEL_DIR /nonexistent does not exist: point it at an "
                + "ONNX release of FLUX.2 [klein] 4B or FLUX.1 Kontext [dev], or unset it to use the stand-in model\n");
    }

    /** Issue 26: KONTEXT_FAMILY=klein on a fresh machine writes and runs klein's stand-in, and names its licence. */
    @Test
    void kleinOnAFreshMachineRunsKleinsStandInAndSaysItsLicence() throws Exception {
        Map<String, String> env = Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                "KONTEXT_FAMILY", "klein");

        CliRunner run = runUntilReady(env, redis -> assertThat(redis.ping()).isEqualTo("PONG"));

        Path standIn = data.resolve("models").resolve("stand-in-klein");
        assertThat(run.out()).contains("Model:    " + standIn + " (written just now); stand-in model: not a real edit")
                .contains("Licence:  FLUX.2 [klein] 4B, Apache-2.0: a public or commercial bot may run it")
                .contains("Running:  worker (cpu, " + standIn + ")");
        assertThat(standIn.resolve("transformer.onnx")).isRegularFile();
        assertThat(standIn.resolve("tokenizer").resolve("tokenizer.json")).isRegularFile();
    }

    @Test
    void aGuidanceSetForKleinIsRefusedAtStartInPlainWords() throws IOException {
        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                "KONTEXT_FAMILY", "klein", "KONTEXT_GUIDANCE", "3.5", "SAFETY_MODE", "off"), "run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("kontextbot: KONTEXT_GUIDANCE is set, but FLUX.2 [klein] 4B takes no "
                + "guidance").doesNotContain("\tat ");
    }

    /** Starts {@code run}, waits for "Ready", uses its Redis, then signals shutdown. */
    static CliRunner runUntilReady(Map<String, String> env, java.util.function.Consumer<UnifiedJedis> use)
            throws Exception {
        Map<String, String> withWeb = new java.util.HashMap<>(env);
        withWeb.putIfAbsent("WEB_BIND", "127.0.0.1:0");
        CliRunner runner = new CliRunner(withWeb);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.execute("run"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!runner.out().contains("Ready.") && !exit.isDone() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        try {
            assertThat(runner.out()).as(runner.err()).contains("Ready. Stop with Ctrl-C.")
                    .contains("telegram off (no TELEGRAM_BOT_TOKEN)").contains("discord off (no DISCORD_TOKEN)");
            Matcher web = WEB_URL.matcher(runner.out());
            assertThat(web.find()).as(runner.out()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(web.group(1) + "healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("the playground answers /healthz").isEqualTo(200);
            Matcher m = REDIS_URL.matcher(runner.out());
            assertThat(m.find()).as(runner.out()).isTrue();
            String url = m.group(1);
            if (env.containsKey("KONTEXT_DATA_DIR")) {
                // The embedded Redis needs the password the bot generated into its data folder.
                url = dev.kontextbot.deploy.app.EmbeddedRedis.urlOf(Path.of(env.get("KONTEXT_DATA_DIR"), "redis"),
                        java.net.URI.create(url).getPort());
            }
            try (UnifiedJedis redis = RedisConnector.open(url)) {
                use.accept(redis);
            }
        } finally {
            runner.signalShutdown();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(runner.out()).contains("Stopping").endsWith("Stopped.\n");
        return runner;
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
