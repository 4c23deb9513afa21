package dev.kontextbot.inference.image;

import java.util.List;
import java.util.Locale;

/**
 * How a picture was made, as the PNG text chunks every picture the bot writes carries: {@code parameters} (the
 * key Stable Diffusion front ends use, so tools that show recipes find it), {@code Software}, and an
 * AI-generated marker with the IPTC digital source type for trained-model output.
 *
 * @param instruction the instruction as sent to the model (after the prompt rules)
 * @param software    "KontextBot 0.1.0"
 * @param model       the model's name, "FLUX.1 Kontext [dev]" or the stand-in's label
 * @param precision   the transformer precision folder (bf16, fp8, fp4)
 */
public record Provenance(String instruction, long seed, int steps, double guidance, int width, int height,
                         String model, String precision, String software) {

    /** IPTC NewsCodes digital source type for media created by a trained model. */
    public static final String IPTC_TRAINED_ALGORITHMIC_MEDIA =
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    public List<PngText> chunks() {
        String parameters = instruction.replace('\n', ' ').strip() + "\n"
                + String.format(Locale.ROOT, "Steps: %d, Guidance: %s, Seed: %d, Size: %dx%d, Model: %s, Precision: %s",
                steps, trim(guidance), seed, width, height, model, precision);
        return List.of(
                new PngText("parameters", parameters),
                new PngText("Software", software),
                new PngText("AI-Generated", "true"),
                new PngText("DigitalSourceType", IPTC_TRAINED_ALGORITHMIC_MEDIA));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
