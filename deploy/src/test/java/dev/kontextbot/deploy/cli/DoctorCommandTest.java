package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import com.sun.net.httpserver.HttpServer;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.inference.model.ReleaseShapedPackageWriter;
import dev.kontextbot.inference.model.StandInKleinWriter;
import dev.kontextbot.inference.model.StandInPackageWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RedisTest
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
    void doctorSaysWhetherTheWebsReviewApiIsOnAndNeverShowsTheAdminToken(@TempDir Path data) {
        CliRunner.Result off = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(),
                "REDIS_URL", "redis://127.0.0.1:1"), "doctor");
        assertThat(off.out()).containsPattern("(?m)^OK\\s+review\\s+off on the web \\(PLAYGROUND_ADMIN_TOKEN unset\\)");

        String admin = "admin-token-for-doctor-42";
        CliRunner.Result on = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(),
                "REDIS_URL", "redis://127.0.0.1:1", "PLAYGROUND_ADMIN_TOKEN", admin), "doctor");
        assertThat(on.out()).containsPattern("(?m)^OK\\s+review\\s+the web's review page and /api/review answer to"
                + " PLAYGROUND_ADMIN_TOKEN only").contains("PLAYGROUND_ADMIN_TOKEN=****").doesNotContain(admin);
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
    void aBf16PackageOnTheCpuIsRefusedInDoctorInOneSentence(@TempDir Path data) throws Exception {
        Path model = data.resolve("release");
        new ReleaseShapedPackageWriter().write(model, 7);

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_MODEL_DIR", model.toString(), "KONTEXT_DEVICE", "cpu",
                "KONTEXT_DATA_DIR", data.toString(), "REDIS_URL", "redis://127.0.0.1:1"), "doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("(?m)^FAIL\\s+model\\s+this package's transformer computes in bf16, "
                + "which ONNX Runtime runs only on a GPU: set KONTEXT_DEVICE=cuda or tensorrt");
        assertThat(result.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theStandInPackageIsCompleteButFlaggedAsNotARealModel(@TempDir Path data) throws Exception {
        Path standIn = data.resolve("models").resolve("stand-in");
        new StandInPackageWriter().write(standIn, 7);

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0"),
                "doctor");

        assertThat(result.out()).containsPattern("(?m)^WARN\\s+model\\s+" + Pattern.quote(standIn.toString())
                + " is complete \\(transformer fp32\\); stand-in model: not a real edit");
        assertThat(result.exitCode()).isZero();
    }

    /** Issue 26: doctor names the installed family's licence and what it means for a public bot. */
    @Test
    void aKleinPackageIsCheckedAndItsLicenceNamed(@TempDir Path data) throws Exception {
        Path klein = data.resolve("models").resolve("klein");
        new StandInKleinWriter().write(klein, 7);

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0"),
                "doctor");

        assertThat(result.out()).containsPattern("(?m)^OK\\s+licence\\s+FLUX.2 \\[klein\\] 4B: Apache-2.0, a public or "
                        + "commercial bot may run it")
                .containsPattern("(?m)^WARN\\s+model\\s+" + Pattern.quote(klein.toString())
                        + " is a complete FLUX.2 \\[klein\\] 4B package; stand-in model: not a real edit");
        assertThat(result.exitCode()).isZero();

        Files.delete(klein.resolve("vae_decoder.onnx"));
        CliRunner.Result broken = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                "KONTEXT_MODEL_DIR", klein.toString()), "doctor");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).containsPattern("(?m)^FAIL\\s+model\\s+.*vae_decoder.onnx");
    }

    @Test
    void anIncompletePackageNamesWhatIsMissing(@TempDir Path data) throws Exception {
        Path model = data.resolve("model");
        new StandInPackageWriter().write(model, 7);
        Files.delete(model.resolve("vae.opt").resolve("model.onnx"));

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_MODEL_DIR", model.toString(),
                "KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0"), "doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("(?m)^FAIL\\s+model\\s+.*vae.opt/model.onnx");
    }

    @Test
    void aReachableLlmEndpointIsAskedForItsModelsWithTheKey(@TempDir Path data) throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/models", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            CliRunner.Result result = CliRunner.run(Map.of("LLM_PROVIDER", "openai", "LLM_BASE_URL", base,
                    "LLM_API_KEY", "sk-test-abcdef123456", "LLM_MODEL", "gpt-4o-mini",
                    "KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0"), "doctor");

            assertThat(result.out()).containsPattern("(?m)^OK\\s+llm\\s+openai at " + Pattern.quote(base)
                    + " answers, model gpt-4o-mini").contains("LLM_API_KEY=****").doesNotContain("abcdef123456");
            assertThat(seen).containsExactly("GET /v1/models Bearer sk-test-abcdef123456");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableLlmEndpointFails(@TempDir Path data) {
        CliRunner.Result result = CliRunner.run(Map.of("LLM_PROVIDER", "ollama", "LLM_BASE_URL", "http://127.0.0.1:1",
                "KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0"), "doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("(?m)^FAIL\\s+llm\\s+ollama at http://127.0.0.1:1 is not reachable");
    }
}
