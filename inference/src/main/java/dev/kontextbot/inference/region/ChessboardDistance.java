package dev.kontextbot.inference.region;

/**
 * Two-pass chessboard distance transform (Rosenfeld and Pfaltz): for each inside pixel, the number of 8-connected
 * steps to the nearest outside pixel. The picture's own border does not count as outside, so a region that touches
 * the edge is not feathered there.
 */
final class ChessboardDistance {

    private static final int FAR = Integer.MAX_VALUE / 2;

    private ChessboardDistance() {
    }

    static int[] toOutside(boolean[] inside, int width, int height) {
        int[] d = new int[width * height];
        for (int i = 0; i < d.length; i++) {
            d[i] = inside[i] ? FAR : 0;
        }
        // Forward pass: neighbours above and to the left.
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (d[i] == 0) {
                    continue;
                }
                int best = d[i];
                if (x > 0) {
                    best = Math.min(best, d[i - 1] + 1);
                }
                if (y > 0) {
                    best = Math.min(best, d[i - width] + 1);
                    if (x > 0) {
                        best = Math.min(best, d[i - width - 1] + 1);
                    }
                    if (x + 1 < width) {
                        best = Math.min(best, d[i - width + 1] + 1);
                    }
                }
                d[i] = best;
            }
        }
        // Backward pass: neighbours below and to the right.
        for (int y = height - 1; y >= 0; y--) {
            for (int x = width - 1; x >= 0; x--) {
                int i = y * width + x;
                if (d[i] == 0) {
                    continue;
                }
                int best = d[i];
                if (x + 1 < width) {
                    best = Math.min(best, d[i + 1] + 1);
                }
                if (y + 1 < height) {
                    best = Math.min(best, d[i + width] + 1);
                    if (x + 1 < width) {
                        best = Math.min(best, d[i + width + 1] + 1);
                    }
                    if (x > 0) {
                        best = Math.min(best, d[i + width - 1] + 1);
                    }
                }
                d[i] = best;
            }
        }
        return d;
    }
}
