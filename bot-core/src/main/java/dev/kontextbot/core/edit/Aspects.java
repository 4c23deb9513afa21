package dev.kontextbot.core.edit;

import dev.kontextbot.core.turn.TurnException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output size for an aspect ratio "W:H", as the reference does ({@code aspect_ratio_to_height_width}):
 * about one megapixel, each side rounded and floored to a multiple of 16. "auto" (or nothing) keeps the default.
 */
public final class Aspects {

    private static final Pattern RATIO = Pattern.compile("\\s*(\\d{1,3})\\s*[:x/]\\s*(\\d{1,3})\\s*");
    private static final double AREA = 1024.0 * 1024.0;

    private Aspects() {
    }

    public record Size(int width, int height) {
    }

    public static Optional<Size> size(String aspect) {
        if (aspect == null || aspect.isBlank() || aspect.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        Matcher m = RATIO.matcher(aspect);
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0 || Integer.parseInt(m.group(2)) == 0) {
            throw new TurnException("invalid_aspect", "The aspect ratio should look like 16:9, 1:1 or 3:4.");
        }
        double ratio = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        if (ratio > 4 || ratio < 0.25) {
            throw new TurnException("invalid_aspect", "The aspect ratio must be between 1:4 and 4:1.");
        }
        int w = (int) Math.round(Math.sqrt(AREA * ratio)) / 16 * 16;
        int h = (int) Math.round(Math.sqrt(AREA / ratio)) / 16 * 16;
        return Optional.of(new Size(w, h));
    }
}
