package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.ReleaseShapedPackageWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code edit --device cpu} on a package whose transformer computes in bf16: one plain sentence, no stack trace. */
class EditCommandRefusalTest {

    @TempDir
    Path dir;

    @Test
    void theCpuRefusesABf16PackageInOneSentence() throws Exception {
        Path model = dir.resolve("release");
        new ReleaseShapedPackageWriter().write(model, 1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(Map.of("KONTEXT_DATA_DIR", dir.resolve("data").toString()),
                new PrintWriter(out, true), new PrintWriter(err, true), action -> { });

        int code = new CommandLine(new EditCommand(context), new CommandFactory(context))
                .setOut(context.out()).setErr(context.err())
                .execute("--model", model.toString(), "--device", "cpu", "--prompt", "make it red",
                        "--out", dir.resolve("out.png").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("This package's transformer computes in bf16, which ONNX Runtime "
                + "runs only on a GPU: set KONTEXT_DEVICE=cuda or tensorrt.");
        assertThat(dir.resolve("out.png")).doesNotExist();
    }
}
