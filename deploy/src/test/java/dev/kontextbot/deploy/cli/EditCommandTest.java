package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.model.StandInPackageWriter;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.PixelChanges;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kontextbot edit --region} and {@code --mask} on the stand-in: the input's size, bit-exact outside. */
@Tag("integration")
class EditCommandTest {

    @TempDir
    static Path dir;
    private static Path model;
    private static Path input;
    private static BufferedImage photo;

    @BeforeAll
    static void setUp() throws Exception {
        model = dir.resolve("model");
        new StandInPackageWriter().write(model, 7);
        photo = SyntheticPhoto.create(480, 400, 9);
        input = dir.resolve("in.png");
        Files.write(input, new PngCodec().encodePng(photo));
    }

    private static CliRunner.Result edit(String... extra) {
        String[] base = {"edit", "--model", model.toString(), "--data-dir", dir.resolve("data").toString(),
                "--prompt", "make the sign red", "--steps", "2", "--image", input.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRunner.run(Map.of(), args);
    }

    /** Asserts the input's size and that no pixel outside the box changed; returns how many inside did. */
    private static int changedInsideOnly(BufferedImage result, Box box) {
        assertThat(result.getWidth()).isEqualTo(photo.getWidth());
        assertThat(result.getHeight()).isEqualTo(photo.getHeight());
        PixelChanges changes = PixelChanges.between(photo, result, PixelChanges.box(box));
        assertThat(changes.outside()).as("pixels changed outside " + box).isZero();
        return changes.inside();
    }

    @Test
    void aRegionEditKeepsTheSizeAndEveryPixelOutsideTheBox() throws Exception {
        Path out = dir.resolve("region.png");
        CliRunner.Result r = edit("--region", "100,150,300,200", "--out", out.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Wrote 480x400");
        BufferedImage result = ImageIO.read(out.toFile());
        int changed = changedInsideOnly(result, new Box(100, 150, 300, 200));
        assertThat(changed).isGreaterThan(300 * 200 / 2);
    }

    @Test
    void aMaskEditChangesOnlyTheWhitePart() throws Exception {
        BufferedImage mask = new BufferedImage(480, 400, BufferedImage.TYPE_INT_RGB);
        for (int y = 40; y < 120; y++) {
            for (int x = 300; x < 460; x++) {
                mask.setRGB(x, y, 0xFFFFFF);
            }
        }
        Path maskFile = dir.resolve("mask.png");
        Files.write(maskFile, new PngCodec().encodePng(mask));
        Path out = dir.resolve("mask-out.png");
        CliRunner.Result r = edit("--mask", maskFile.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        int changed = changedInsideOnly(ImageIO.read(out.toFile()), new Box(300, 40, 160, 80));
        assertThat(changed).isGreaterThan(160 * 80 / 2);
    }

    @Test
    void badRegionFlagsAreUsageErrorsInPlainWords() {
        Path out = dir.resolve("never.png");
        CliRunner.Result past = edit("--region", "400,150,300,200", "--out", out.toString());
        assertThat(past.exitCode()).isEqualTo(1);
        assertThat(past.err()).contains("goes past the edge of the 480x400 picture").doesNotContain("Exception");
        CliRunner.Result both = edit("--region", "1,1,5,5", "--mask", input.toString(), "--out", out.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        CliRunner.Result sized = edit("--region", "1,1,5,5", "--width", "512", "--height", "512", "--out",
                out.toString());
        assertThat(sized.exitCode()).isEqualTo(2);
        assertThat(out).doesNotExist();
    }
}
