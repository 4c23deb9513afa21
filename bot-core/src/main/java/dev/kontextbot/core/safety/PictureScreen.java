package dev.kontextbot.core.safety;

import java.awt.image.BufferedImage;

/** Looks at one picture. Implementations are thread-safe. */
@FunctionalInterface
public interface PictureScreen {

    ScreenVerdict screen(BufferedImage picture);

    /** No classifier installed: nothing is flagged. */
    PictureScreen NONE = picture -> ScreenVerdict.pass();

    static PictureScreen none() {
        return NONE;
    }
}
