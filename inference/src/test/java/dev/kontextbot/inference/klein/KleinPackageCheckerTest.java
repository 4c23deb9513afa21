package dev.kontextbot.inference.klein;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.KleinPackageChecker;
import dev.kontextbot.inference.model.KleinReleaseShapedWriter;
import dev.kontextbot.inference.model.StandInKleinWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class KleinPackageCheckerTest {

    @TempDir
    Path root;

    @Test
    void theStandInPassesAndNamesFamilyQuantisationAndProviders() throws Exception {
        Path pkg = root.resolve("klein");
        new StandInKleinWriter().write(pkg, 3);
        assertThat(KleinPackageChecker.looksLikeKlein(pkg)).isTrue();
        KleinPackageChecker.Report report = new KleinPackageChecker().check(pkg);
        assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
        String text = String.join("\n", report.lines());
        assertThat(text).contains("Family: FLUX.2 [klein] 4B").contains("STAND-IN")
                .contains("1 MatMulNBits of 4 bits").contains("run by CPU")
                .contains("TensorRT: not offered").contains("prompt_embeds FLOAT [1,512,7680]")
                .contains("external data weights.onnx_data");
    }

    @Test
    void aPackageWithThePublishedInterfacePassesWithItsBitWidthsAndSizes() throws Exception {
        Path pkg = root.resolve("release");
        new KleinReleaseShapedWriter().write(pkg, 3);
        KleinPackageChecker.Report report = new KleinPackageChecker().check(pkg);
        assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
        String text = String.join("\n", report.lines());
        assertThat(text).contains("1 MatMulNBits of 4 bits").contains("1 MatMulNBits of 8 bits")
                .doesNotContain("no config.json").contains("GB");
        // Sparse: gigabytes declared, next to nothing on disk.
        assertThat(Files.size(pkg.resolve("transformer.onnx_data"))).isGreaterThan(3_000_000_000L);
        assertThat(dev.kontextbot.inference.model.KleinMemoryPlan.weights(pkg)
                .get(dev.kontextbot.inference.model.KleinPackage.Graph.TRANSFORMER)).isGreaterThan(3_000_000_000L);
    }

    @Test
    void aMissingGraphIsNamed() throws Exception {
        Path pkg = root.resolve("partial");
        new StandInKleinWriter().write(pkg, 3);
        Files.delete(pkg.resolve("vae_decoder.onnx"));
        KleinPackageChecker.Report report = new KleinPackageChecker().check(pkg);
        assertThat(report.passed()).isFalse();
        assertThat(report.problems()).singleElement().asString().startsWith("vae_decoder.onnx is missing")
                .contains("hlhc/FLUX.2-klein-4B-onnx");
    }

    @Test
    void aTruncatedExternalDataFileIsAProblem() throws Exception {
        Path pkg = root.resolve("truncated");
        new StandInKleinWriter().write(pkg, 3);
        Path data = pkg.resolve("weights.onnx_data");
        Files.write(data, new byte[16]);
        KleinPackageChecker.Report report = new KleinPackageChecker().check(pkg);
        assertThat(report.problems()).anyMatch(p -> p.contains("weights.onnx_data is truncated"));
    }
}
