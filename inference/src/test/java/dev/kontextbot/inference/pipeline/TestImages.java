package dev.kontextbot.inference.pipeline;

import java.awt.image.BufferedImage;

/** Small deterministic pictures for tests. */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage photo(int width, int height) {
        return SyntheticPhoto.create(width, height, 3);
    }
}
