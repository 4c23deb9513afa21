package dev.kontextbot.inference.region;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rectangle in pixels of a picture: left {@code x}, top {@code y}, {@code width} by {@code height}.
 */
public record Box(int x, int y, int width, int height) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*");

    public Box {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a box needs x,y >= 0 and a positive size, got " + x + "," + y + ","
                    + width + "," + height);
        }
    }

    /** Parses {@code X,Y,W,H} (the command line's {@code --region}). */
    public static Box parse(String text) throws InvalidRegionException {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new InvalidRegionException("A region is four whole numbers X,Y,W,H (left, top, width, height in"
                    + " pixels), for example 100,150,300,200; got '" + text + "'.");
        }
        try {
            int w = Integer.parseInt(m.group(3));
            int h = Integer.parseInt(m.group(4));
            if (w == 0 || h == 0) {
                throw new InvalidRegionException("The region's width and height must be at least 1 pixel.");
            }
            return new Box(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), w, h);
        } catch (NumberFormatException e) {
            throw new InvalidRegionException("The region's numbers are too large: '" + text + "'.");
        }
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    /** This box, when it lies inside a {@code w} x {@code h} picture. */
    public Box requireWithin(int w, int h) throws InvalidRegionException {
        // In long arithmetic: an X+W past Integer.MAX_VALUE is past the edge, not a negative number within it.
        if ((long) x + width > w || (long) y + height > h) {
            throw new InvalidRegionException("The region " + this + " goes past the edge of the " + w + "x" + h
                    + " picture; X+W must be at most " + w + " and Y+H at most " + h + ".");
        }
        return this;
    }

    /** This box grown by {@code margin} on every side and clipped to a {@code w} x {@code h} picture. */
    public Box grownWithin(int margin, int w, int h) {
        int left = Math.max(0, x - margin);
        int top = Math.max(0, y - margin);
        return new Box(left, top, Math.min(w, right() + margin) - left, Math.min(h, bottom() + margin) - top);
    }

    /** {@code X,Y,W,H}. */
    @Override
    public String toString() {
        return x + "," + y + "," + width + "," + height;
    }
}
