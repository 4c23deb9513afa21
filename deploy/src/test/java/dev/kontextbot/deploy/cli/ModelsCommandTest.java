package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** {@code models stand-in} then {@code models check}, through picocli as the launcher runs them. */
@Tag("integration")
class ModelsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CliContext context = new CliContext(env, new PrintWriter(out, true), new PrintWriter(err, true), action -> { });
        return new CommandLine(new ModelsCommand(), new CommandFactory(context))
                .setOut(context.out()).setErr(context.err()).execute(args);
    }

    @Test
    void standInThenCheckPassesAndPrintsTheInterface() {
        assertThat(run(Map.of(), "stand-in", dir.toString())).isZero();
        assertThat(out.toString()).contains("STAND-IN model package", "not FLUX.1 Kontext");

        assertThat(run(Map.of(), "check", dir.toString())).isZero();
        assertThat(out.toString()).contains(
                "transformer.opt/fp32/model.onnx  (IR 8, opset 17, computes in fp32",
                "in   encoder_hidden_states FLOAT [B,512,4096]",
                "out  text_embeddings FLOAT [B,512,4096]",
                "OK: every file and tensor is as the engine expects");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void checkWithoutTheTransformerFailsNamingIt() throws Exception {
        run(Map.of(), "stand-in", dir.toString());
        try (Stream<Path> paths = Files.walk(dir.resolve("transformer.opt"))) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }

        assertThat(run(Map.of(), "check", dir.toString())).isEqualTo(ModelsCommand.FAILED);
        assertThat(err.toString()).startsWith("models check: transformer.opt/<precision>/model.onnx is missing in " + dir);
    }

    @Test
    void checkTakesThePrecisionFromTheEnvironment() {
        run(Map.of(), "stand-in", dir.toString());

        assertThat(run(Map.of("KONTEXT_PRECISION", "bf16"), "check", dir.toString())).isEqualTo(ModelsCommand.FAILED);
        assertThat(err.toString()).contains("transformer.opt/bf16/model.onnx is missing");
    }

    @Test
    void theReleaseShapedPackagePassesOnTheCpuAndSaysWhatTheCpuRefuses() {
        assertThat(run(Map.of(), "stand-in", "--release-shaped", dir.toString())).isZero();

        assertThat(run(Map.of("KONTEXT_DEVICE", "cpu"), "check", dir.toString())).isZero();
        assertThat(out.toString()).contains(
                "in   hidden_states BFLOAT16 [B,latent_dim,64]",
                "computes in bf16, weights 23.8 GB",
                "note TensorRT only: nodes in TensorRT's custom-operator domain 'trt'",
                "note samples: RandomNormalLike",
                "REFUSED on this device: this package's transformer (transformer.opt/bf16/model.onnx) computes in "
                        + "bf16, which ONNX Runtime runs only on a GPU: set KONTEXT_DEVICE=cuda or tensorrt",
                "OK: every file and tensor is as the engine expects (but not on the configured device, see above)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void planPrintsTheModeAndTheLargestPictureFor24_48And80GbCards() {
        run(Map.of(), "stand-in", "--release-shaped", dir.toString());

        for (int gb : new int[] {24, 48, 80}) {
            out.getBuffer().setLength(0);
            assertThat(run(Map.of("KONTEXT_DEVICE", "cuda"), "plan", "--gpu-memory", Integer.toString(gb),
                    dir.toString())).isZero();
            String plan = out.toString();
            assertThat(plan).contains("== " + gb + " GB card, KONTEXT_MEMORY=auto ==",
                    "transformer.opt/bf16 (bf16) on cuda:", "transformer.opt/fp4 (fp4) on tensorrt:",
                    "weights transformer        22.2 GiB", "[estimate]");
            if (gb == 24) {
                // The release's bf16 transformer and T5 do not fit 24 GB on CUDA.
                assertThat(plan).contains("does NOT fit this GPU",
                        "With KONTEXT_DEVICE=cuda: no precision folder of this package both runs and fits");
            } else {
                assertThat(plan).contains("With KONTEXT_DEVICE=cuda and KONTEXT_PRECISION unset: transformer bf16");
            }
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void modelsWithoutASubcommandIsAUsageError() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand");
    }
}
