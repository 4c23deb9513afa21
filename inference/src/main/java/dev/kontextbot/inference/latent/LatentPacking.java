package dev.kontextbot.inference.latent;

/**
 * Packs VAE latents into transformer tokens and back (kontext-pipeline.md §3.2 and §3.7).
 *
 * <p>Latents are {@code [1,C,h,w]} (C = 16, h = H/8, w = W/8, both even); tokens are
 * {@code [1,(h/2)(w/2),4C]}. Latent {@code z[c][y][x]} goes to token {@code n = (y/2)*(w/2) + x/2},
 * feature {@code f = c*4 + (y%2)*2 + x%2}: BFL's {@code rearrange "b c (h ph) (w pw) -> b (h w) (c ph pw)"}.
 */
public final class LatentPacking {

    private LatentPacking() {
    }

    /** Packs {@code [1,c,h,w]} into a new {@code [1,(h/2)(w/2),4c]} array. */
    public static float[] pack(float[] latents, int c, int h, int w) {
        float[] tokens = new float[checkSize(latents.length, c, h, w)];
        packInto(latents, c, h, w, tokens, 0);
        return tokens;
    }

    /**
     * Packs {@code [1,c,h,w]} into {@code dest} starting at {@code destOffset} (a float index), so a
     * caller can write straight into a larger {@code hidden_states} buffer.
     */
    public static void packInto(float[] latents, int c, int h, int w, float[] dest, int destOffset) {
        int size = checkSize(latents.length, c, h, w);
        if (destOffset < 0 || destOffset + size > dest.length) {
            throw new IllegalArgumentException("destination too small: need " + size + " floats at " + destOffset
                    + ", have " + dest.length);
        }
        int features = 4 * c;
        int tokensPerRow = w / 2;
        int src = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int rowBase = destOffset + (y >> 1) * tokensPerRow * features + ch * 4 + (y & 1) * 2;
                for (int x = 0; x < w; x++) {
                    dest[rowBase + (x >> 1) * features + (x & 1)] = latents[src++];
                }
            }
        }
    }

    /** The exact inverse of {@link #pack}: {@code [1,(h/2)(w/2),4c]} tokens to a new {@code [1,c,h,w]}. */
    public static float[] unpack(float[] tokens, int c, int h, int w) {
        return unpack(tokens, 0, c, h, w);
    }

    /**
     * Unpacks the first {@code (h/2)(w/2)} tokens found at {@code srcOffset} (a float index) of
     * {@code tokens}, e.g. the noise part of a transformer output, into a new {@code [1,c,h,w]}.
     */
    public static float[] unpack(float[] tokens, int srcOffset, int c, int h, int w) {
        int size = checkSize(Integer.MAX_VALUE, c, h, w);
        if (srcOffset < 0 || srcOffset + size > tokens.length) {
            throw new IllegalArgumentException("tokens too short: need " + size + " floats at " + srcOffset
                    + ", have " + tokens.length);
        }
        float[] latents = new float[size];
        int features = 4 * c;
        int tokensPerRow = w / 2;
        int dst = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int rowBase = srcOffset + (y >> 1) * tokensPerRow * features + ch * 4 + (y & 1) * 2;
                for (int x = 0; x < w; x++) {
                    latents[dst++] = tokens[rowBase + (x >> 1) * features + (x & 1)];
                }
            }
        }
        return latents;
    }

    /**
     * Position ids {@code [h2*w2, 3]}, row-major: row {@code n = i*w2 + j} is {@code (first, i, j)}.
     * {@code first} is 0 for the noise (target) tokens and 1 for the context tokens.
     *
     * @param h2 token rows, {@code H/16}
     * @param w2 token columns, {@code W/16}
     */
    public static float[] imageIds(int h2, int w2, float first) {
        return imageIds(h2, w2, first, 0, 0);
    }

    /**
     * Position ids {@code [h2*w2, 3]} shifted on the plane: row {@code n = i*w2 + j} is
     * {@code (first, hOffset + i, wOffset + j)}, for a context group placed past the groups before it.
     */
    public static float[] imageIds(int h2, int w2, float first, int hOffset, int wOffset) {
        if (h2 <= 0 || w2 <= 0) {
            throw new IllegalArgumentException("token grid must be positive, got " + h2 + "x" + w2);
        }
        float[] ids = new float[Math.multiplyExact(h2 * w2, 3)];
        int k = 0;
        for (int i = 0; i < h2; i++) {
            for (int j = 0; j < w2; j++) {
                ids[k++] = first;
                ids[k++] = hOffset + i;
                ids[k++] = wOffset + j;
            }
        }
        return ids;
    }

    private static int checkSize(int actual, int c, int h, int w) {
        if (c <= 0 || h <= 0 || w <= 0 || (h & 1) != 0 || (w & 1) != 0) {
            throw new IllegalArgumentException("latent shape must be positive with even h and w, got [1," + c + ","
                    + h + "," + w + "]");
        }
        int size = Math.multiplyExact(Math.multiplyExact(c, h), w);
        if (actual != Integer.MAX_VALUE && actual != size) {
            throw new IllegalArgumentException("expected " + size + " floats for [1," + c + "," + h + "," + w
                    + "], got " + actual);
        }
        return size;
    }
}
