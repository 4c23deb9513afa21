package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.latent.RawFloats;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models stand-in --family klein}, {@code models check}, {@code edit} and {@code bench} on klein's stand-in. */
@Tag("integration")
class KleinCommandsTest {

    @TempDir
    static Path dir;
    private static Path model;
    private static Path input;
    private static Path second;

    @BeforeAll
    static void setUp() throws Exception {
        model = dir.resolve("klein");
        CliRunner.Result r = CliRunner.run(Map.of(), "models", "stand-in", model.toString(), "--family", "klein");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("STAND-IN FLUX.2 [klein]");
        input = dir.resolve("in.png");
        Files.write(input, new PngCodec().encodePng(SyntheticPhoto.create(400, 304, 9)));
        second = dir.resolve("second.png");
        Files.write(second, new PngCodec().encodePng(SyntheticPhoto.create(256, 256, 3)));
    }

    private static CliRunner.Result edit(String... extra) {
        String[] base = {"edit", "--model", model.toString(), "--data-dir", dir.resolve("data").toString(),
                "--prompt", "make it night", "--image", input.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRunner.run(Map.of(), args);
    }

    @Test
    void checkNamesTheFamilyTheQuantisationAndTheProviders() {
        CliRunner.Result r = CliRunner.run(Map.of(), "models", "check", model.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Family: FLUX.2 [klein] 4B").contains("MatMulNBits of 4 bits")
                .contains("run by CPU").contains("TensorRT: not offered");
    }

    @Test
    void checkOfAPackageMissingAGraphNamesTheFile() throws Exception {
        Path partial = dir.resolve("partial");
        CliRunner.run(Map.of(), "models", "stand-in", partial.toString(), "--family", "klein");
        Files.delete(partial.resolve("text_encoder.onnx"));
        CliRunner.Result r = CliRunner.run(Map.of(), "models", "check", partial.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("text_encoder.onnx is missing");
    }

    @Test
    void anEditWithAReferenceFollowsTheEditedPictureAndWritesItsLatents() throws Exception {
        Path out = dir.resolve("out.png");
        Path latents = dir.resolve("latents.bin");
        CliRunner.Result r = edit("--image", second.toString(), "--out", out.toString(), "--latents-out",
                latents.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        // 400x304 is already a multiple of 16 under the cap: the output keeps it.
        assertThat(r.out()).contains("Wrote 400x304");
        BufferedImage image = ImageIO.read(out.toFile());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(Files.size(latents)).isEqualTo(4L * 128 * 19 * 25);
        assertThat(r.err()).contains("not FLUX.2 [klein] 4B");
    }

    @Test
    void givenNoiseOverridesTheSeedAndSetsTheResult() throws Exception {
        float[] noise = new float[128 * 19 * 25];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Path noiseFile = dir.resolve("noise.bin");
        RawFloats.write(noiseFile, noise);
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        assertThat(edit("--seed", "1", "--noise", noiseFile.toString(), "--steps", "2", "--out",
                dir.resolve("a.png").toString(), "--latents-out", a.toString()).exitCode()).isZero();
        assertThat(edit("--seed", "2", "--noise", noiseFile.toString(), "--steps", "2", "--out",
                dir.resolve("b.png").toString(), "--latents-out", b.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        RawFloats.write(noiseFile, new float[100]);
        CliRunner.Result wrong = edit("--noise", noiseFile.toString(), "--out", dir.resolve("c.png").toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("[1,128,19,25]");
    }

    @Test
    void aGuidanceIsRefusedPlainly() {
        CliRunner.Result r = edit("--guidance", "3.5", "--out", dir.resolve("g.png").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("takes no guidance").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("g.png"))).isFalse();
    }

    @Test
    void benchPrintsTheKleinFiguresForAFirstAndAFollowUpEdit() {
        CliRunner.Result r = CliRunner.run(Map.of(), "bench", "--model", model.toString(), "--data-dir",
                dir.resolve("data").toString(), "--size", "256");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("4 steps").contains("FLUX.2 [klein] 4B").contains("follow-up turn (latents)")
                .contains("VAE encoder runs: 0").containsPattern("overhead_ms=\\d+ model_ms=\\d+ total_ms=\\d+");
    }
}
