package dev.kontextbot.deploy.cli;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.deploy.Version;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.image.Provenance;
import dev.kontextbot.inference.latent.RawFloats;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.inference.pipeline.EditResult;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.StepListener;
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
            description = "The picture to edit. Several are put side by side into one context.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "28", description = "Denoising steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", defaultValue = "2.5", description = "Guidance scale (default: ${DEFAULT-VALUE}).")
    double guidance;

    @Option(names = "--width", paramLabel = "W", description = "Output width, a multiple of 16 in 256..2048.")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Output height, a multiple of 16 in 256..2048.")
    Integer height;

    @Option(names = "--noise", paramLabel = "FILE",
            description = "Initial noise, raw little-endian float32 [1,16,H/8,W/8]; overrides --seed.")
    Path noise;

    @Option(names = "--latents-out", paramLabel = "FILE",
            description = "Write the final latents (raw little-endian float32 [1,16,H/8,W/8]) before decoding.")
    Path latentsOut;

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
        EngineOptions options;
        try {
            options = engineFlags.engineOptions(context.env());
        } catch (InferenceException e) {
            // A missing model directory or an unknown device is a usage error.
            err.println(e.getMessage());
            return 2;
        }
        try {
            Optional<BufferedImage> picture = context(err);
            int[] size = outputSize(picture);
            EditRequest request = new EditRequest(prompt, picture, Optional.empty(), seed, steps, guidance,
                    Optional.ofNullable(width), Optional.ofNullable(height), Optional.empty());
            if (noise != null) {
                request = request.withNoise(RawFloats.readLatents(noise, size[1] / 8, size[0] / 8));
            }
            EditResult result;
            boolean standIn;
            String precision;
            try (KontextEngine engine = KontextEngine.open(options)) {
                standIn = engine.model().standIn();
                precision = engine.model().precision();
                result = engine.run(request, StepListener.NONE, () -> false);
            }
            write(out, new PngCodec().encodePng(result.image(), new Provenance(prompt, seed, steps, guidance,
                    result.width(), result.height(), standIn ? "stand-in (not FLUX.1 Kontext)" : "FLUX.1 Kontext [dev]",
                    precision, "KontextBot " + Version.current()).chunks()));
            if (latentsOut != null) {
                RawFloats.write(latentsOut, result.latents());
            }
            if (result.promptTruncated()) {
                err.println("Note: the prompt was longer than the text encoders take; its end was cut off.");
            }
            if (standIn) {
                err.println("Note: this is the stand-in model package (small random weights), not FLUX.1 Kontext;"
                        + " the picture is not an edit.");
            }
            outWriter.println("Wrote " + result.width() + "x" + result.height() + " to " + out);
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

    /** The output size the engine will use: --width/--height, else the context's bucket, else 1024x1024. */
    private int[] outputSize(Optional<BufferedImage> context) {
        if (width != null) {
            return new int[] {width, height};
        }
        if (context.isPresent()) {
            Bucket b = Buckets.choose(context.get().getWidth(), context.get().getHeight());
            return new int[] {b.width(), b.height()};
        }
        return new int[] {KontextEngine.DEFAULT_SIDE, KontextEngine.DEFAULT_SIDE};
    }

    private Optional<BufferedImage> context(PrintWriter err) throws InferenceException {
        if (images.isEmpty()) {
            return Optional.empty();
        }
        List<BufferedImage> decoded = new ArrayList<>();
        for (Path file : images) {
            decoded.add(new ImageDecoder().decode(read(file)));
        }
        if (decoded.size() == 1) {
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
