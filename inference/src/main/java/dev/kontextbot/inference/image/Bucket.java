package dev.kontextbot.inference.image;

/**
 * A Kontext resolution (width x height in pixels, both multiples of 16) and the latent and token grids
 * that follow from it.
 */
public record Bucket(int width, int height) {

    public Bucket {
        if (width <= 0 || height <= 0 || width % 16 != 0 || height % 16 != 0) {
            throw new IllegalArgumentException("bucket sides must be positive multiples of 16, got "
                    + width + "x" + height);
        }
    }

    /** Latent width, {@code W/8}. */
    public int latentWidth() {
        return width / 8;
    }

    /** Latent height, {@code H/8}. */
    public int latentHeight() {
        return height / 8;
    }

    /** Token columns after 2x2 packing, {@code W/16}. */
    public int tokenColumns() {
        return width / 16;
    }

    /** Token rows after 2x2 packing, {@code H/16}. */
    public int tokenRows() {
        return height / 16;
    }

    /** Number of packed tokens, {@code (H/16)*(W/16)}. */
    public int tokens() {
        return tokenRows() * tokenColumns();
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
