package dev.kontextbot.deploy.cli;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.deploy.app.Version;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.image.Provenance;
import dev.kontextbot.inference.latent.RawFloats;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.inference.pipeline.EditResult;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.FamilyDetector;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.inference.pipeline.StepListener;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.EditRegion;
import dev.kontextbot.inference.region.RegionEdit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kontextbot edit}: one pipeline run from files to a PNG, no Redis. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Edit a picture (or make one from text) with the model, once, without Redis.")
public final class EditCommand implements Callable<Integer> {

    private final CliContext context;

    public EditCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What to change, or what to draw.")
    String prompt;

    @Option(names = "--image", paramLabel = "FILE",
            description = "The picture to edit; up to three more are references (\"the jacket from the second"
                    + " picture\"), each encoded on its own.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--collage",
            description = "Put several pictures side by side into one context instead (the older way).")
    boolean collage;

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", description = "Denoising steps (default: the family's, 28 for Kontext, 4 for klein).")
    Integer steps;

    @Option(names = "--guidance", description = "Guidance scale (default: 2.5 for Kontext; klein takes none and "
            + "refuses one).")
    Double guidance;

    @Option(names = "--width", paramLabel = "W", description = "Output width, a multiple of 16 in 256..2048.")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Output height, a multiple of 16 in 256..2048.")
    Integer height;

    @Option(names = "--noise", paramLabel = "FILE",
            description = "Initial noise, raw little-endian float32 [1,16,H/8,W/8]; overrides --seed.")
    Path noise;

    @Option(names = "--latents-out", paramLabel = "FILE",
            description = "Write the final latents (raw little-endian float32 [1,16,H/8,W/8]) before decoding;"
                    + " with --region or --mask, the edited crop's.")
    Path latentsOut;

    @Option(names = "--region", paramLabel = "X,Y,W,H",
            description = "Edit only this box of the first picture (pixels: left, top, width, height); every pixel"
                    + " outside it stays as it was.")
    String region;

    @Option(names = "--mask", paramLabel = "FILE",
            description = "Edit only where this picture (the first picture's size) is white; black stays as it was.")
    Path mask;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the PNG.")
    Path out;

    @Mixin
    EngineFlags engineFlags;

    @Override
    public Integer call() {
        PrintWriter err = context.err();
        PrintWriter outWriter = context.out();
        if ((width == null) != (height == null)) {
            err.println("Give both --width and --height, or neither.");
            return 2;
        }
        if (region != null && mask != null) {
            err.println("Give --region or --mask, not both.");
            return 2;
        }
        if ((region != null || mask != null) && images.isEmpty()) {
            err.println("--region and --mask need a picture to edit (--image FILE).");
            return 2;
        }
        if ((region != null || mask != null) && collage) {
            err.println("--collage does not go with --region or --mask: the region is a part of the first picture.");
            return 2;
        }
        if ((region != null || mask != null) && width != null) {
            err.println("--width and --height do not apply to a local edit: the result has the input's size.");
            return 2;
        }
        EngineOptions options;
        try {
            options = engineFlags.engineOptions(context.env());
        } catch (InferenceException e) {
            // A missing model directory or an unknown device is a usage error.
            err.println(e.getMessage());
            return 2;
        }
        try {
            List<BufferedImage> pictures = pictures();
            Optional<BufferedImage> picture = context(pictures, err);
            List<BufferedImage> references = collage || pictures.size() < 2 ? List.of()
                    : pictures.subList(1, pictures.size());
            Optional<BufferedImage> original = picture;
            Optional<RegionEdit> local = localEdit(picture);
            if (local.isPresent()) {
                picture = Optional.of(local.get().context(picture.orElseThrow()));
            }
            EditResult result;
            boolean standIn;
            String precision;
            String modelName;
            int runSteps;
            double runGuidance;
            // The family first (from the graphs, no session): a guidance klein cannot take is refused before loading.
            ModelFamily family = FamilyDetector.resolve(options.modelDir(), options.family());
            if (guidance != null && !family.takesGuidance()) {
                err.println(family.displayName() + " takes no guidance (it is distilled without it); leave out "
                        + "--guidance.");
                return 2;
            }
            try (KontextEngine engine = KontextEngine.open(options)) {
                runSteps = steps != null ? steps : family.defaultSteps();
                runGuidance = guidance != null ? guidance : family.defaultGuidance().orElse(0.0);
                EditRequest request = new EditRequest(prompt, picture, Optional.empty(), seed, runSteps, runGuidance,
                        Optional.ofNullable(width), Optional.ofNullable(height), Optional.empty(), references);
                if (noise != null) {
                    // The output size as the family prepares it, then the noise in its latents layout.
                    var prepared = engine.prepare(request);
                    var layout = engine.latentLayout(prepared.width(), prepared.height());
                    request = request.withNoise(RawFloats.readLatents(noise, layout.channels(), layout.height(),
                            layout.width(), family.latentFactor()));
                }
                standIn = engine.model().standIn();
                precision = engine.model().precision();
                modelName = engine.model().label();
                result = engine.run(request, StepListener.NONE, () -> false);
            }
            BufferedImage image = local.isPresent()
                    ? local.get().compose(original.orElseThrow(), result.image()) : result.image();
            write(out, new PngCodec().encodePng(image, new Provenance(prompt, seed, runSteps, runGuidance,
                    image.getWidth(), image.getHeight(), modelName, precision, "KontextBot " + Version.current()).chunks()));
            if (latentsOut != null) {
                RawFloats.write(latentsOut, result.latents());
            }
            if (result.promptTruncated()) {
                err.println("Note: the prompt was longer than the text encoders take; its end was cut off.");
            }
            if (standIn) {
                err.println("Note: this is the stand-in model package (small random weights), not "
                        + family.displayName() + "; the picture is not an edit.");
            }
            local.ifPresent(l -> err.println("Edited " + l.crop().width() + "x" + l.crop().height() + " pixels at "
                    + l.crop().x() + "," + l.crop().y() + " around the region; everything outside it is unchanged."));
            outWriter.println("Wrote " + image.getWidth() + "x" + image.getHeight() + " to " + out);
            return 0;
        } catch (InferenceException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Could not write " + (e instanceof NoSuchFileException n ? n.getFile() : "the output")
                    + ": " + e.getMessage());
            return 1;
        }
    }

    /** The --region or --mask edit of the first picture, if one was asked for. */
    private Optional<RegionEdit> localEdit(Optional<BufferedImage> picture) throws InferenceException {
        if (region == null && mask == null) {
            return Optional.empty();
        }
        BufferedImage first = picture.orElseThrow();
        EditRegion where = region != null
                ? EditRegion.ofBox(Box.parse(region), first.getWidth(), first.getHeight())
                : EditRegion.ofMask(new ImageDecoder().decode(read(mask)), first.getWidth(), first.getHeight());
        return Optional.of(new RegionEdit(where, new LanczosResizer()));
    }

    private List<BufferedImage> pictures() throws InferenceException {
        if (images.size() > EditRequest.MAX_REFERENCES + 1) {
            throw new InferenceException(InferenceException.Code.INVALID_REQUEST, "One edit takes at most "
                    + (EditRequest.MAX_REFERENCES + 1) + " pictures (got " + images.size() + ").");
        }
        List<BufferedImage> decoded = new ArrayList<>();
        for (Path file : images) {
            decoded.add(new ImageDecoder().decode(read(file)));
        }
        return decoded;
    }

    /** The picture being edited: the first, or with --collage all of them side by side. */
    private Optional<BufferedImage> context(List<BufferedImage> decoded, PrintWriter err) {
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        if (decoded.size() == 1 || !collage) {
            return Optional.of(decoded.getFirst());
        }
        BufferedImage combined = new ContextCollage(new LanczosResizer()).sideBySide(decoded);
        err.println("Combined " + decoded.size() + " images side by side into one " + combined.getWidth() + "x"
                + combined.getHeight() + " context.");
        return Optional.of(combined);
    }

    private static byte[] read(Path file) throws InferenceException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InferenceException(InferenceException.Code.INVALID_IMAGE, "There is no file " + file + ".");
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.INVALID_IMAGE,
                    "Could not read " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, bytes);
    }
}
