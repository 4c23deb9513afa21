package dev.kontextbot.inference.image;

/**
 * Pillow's resampling filters, by the code {@code Image.resize} takes as {@code resample} (and a Hugging Face
 * {@code preprocessor_config.json} stores), each with the support Pillow gives it (in source pixels at scale 1).
 */
public enum ResampleFilter {
    NEAREST(0, 0.0),
    LANCZOS(1, 3.0),
    BILINEAR(2, 1.0),
    /** Keys' cubic with a = -0.5, as Pillow uses. */
    BICUBIC(3, 2.0),
    BOX(4, 0.5),
    HAMMING(5, 1.0);

    private static final double BICUBIC_A = -0.5;

    private final int pilCode;
    private final double support;

    ResampleFilter(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** The filter for a PIL resample code; an unknown code is an {@link IllegalArgumentException} naming it. */
    public static ResampleFilter ofPilCode(int code) {
        for (ResampleFilter f : values()) {
            if (f.pilCode == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("resample " + code + " is not one of Pillow's filters (0 to 5)");
    }

    public int pilCode() {
        return pilCode;
    }

    double support() {
        return support;
    }

    /** The kernel's weight at {@code x} source pixels from the centre (scaled back to scale 1). */
    double weight(double x) {
        return switch (this) {
            case NEAREST -> throw new IllegalStateException("nearest neighbour has no kernel");
            case BOX -> x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR -> Math.abs(x) < 1.0 ? 1.0 - Math.abs(x) : 0.0;
            case HAMMING -> hamming(Math.abs(x));
            case BICUBIC -> bicubic(Math.abs(x));
            case LANCZOS -> x >= -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
        };
    }

    private static double bicubic(double x) {
        if (x < 1.0) {
            return ((BICUBIC_A + 2.0) * x - (BICUBIC_A + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * BICUBIC_A;
        }
        return 0.0;
    }

    private static double hamming(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        double px = x * Math.PI;
        return Math.sin(px) / px * (0.54 + 0.46 * Math.cos(px));
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return Math.sin(px) / px;
    }
}
