package dev.kontextbot.inference.region;

/**
 * Binary erosion and dilation with a square of radius r, through the chessboard distance transform: a pixel is
 * within r of a set pixel exactly when its chessboard distance to it is at most r.
 */
final class Morphology {

    private Morphology() {
    }

    static boolean[] dilate(boolean[] set, int w, int h, int r) {
        boolean[] outside = new boolean[set.length];
        for (int i = 0; i < set.length; i++) {
            outside[i] = !set[i];
        }
        // Distance of each unset pixel to the nearest set one.
        int[] d = ChessboardDistance.toOutside(outside, w, h);
        boolean[] out = new boolean[set.length];
        for (int i = 0; i < set.length; i++) {
            out[i] = set[i] || d[i] <= r;
        }
        return out;
    }

    static boolean[] erode(boolean[] set, int w, int h, int r) {
        int[] d = ChessboardDistance.toOutside(set, w, h);
        boolean[] out = new boolean[set.length];
        for (int i = 0; i < set.length; i++) {
            out[i] = set[i] && d[i] > r;
        }
        return out;
    }
}
