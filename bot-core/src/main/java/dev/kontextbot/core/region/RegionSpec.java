package dev.kontextbot.core.region;

import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.InvalidRegionException;
import java.util.Locale;

/**
 * Where a local edit may change the picture, as a job carries it ({@code JobSpec.region}): a box in pixels of the
 * base picture ("px:100,150,300,200"), or in fractions of its size ("frac:0,0,0.5,0.5") for areas given in words
 * ("the top-left quarter"), which fit any picture.
 */
public sealed interface RegionSpec {

    /** The box on a {@code width} x {@code height} picture. */
    Box box(int width, int height) throws InvalidRegionException;

    /** The job's form of this region. */
    String encode();

    record Pixels(Box box) implements RegionSpec {
        /** The box, when it lies inside the picture; in long arithmetic, so a right edge past 2^31 is not negative. */
        @Override
        public Box box(int width, int height) throws InvalidRegionException {
            if ((long) box.x() + box.width() > width || (long) box.y() + box.height() > height) {
                throw new InvalidRegionException("The region " + box + " goes past the edge of the " + width + "x"
                        + height + " picture; X+W must be at most " + width + " and Y+H at most " + height + ".");
            }
            return box;
        }

        @Override
        public String encode() {
            return "px:" + box;
        }
    }

    /** Fractions in [0,1] of the picture's width and height. */
    record Fraction(double x, double y, double width, double height) implements RegionSpec {

        public Fraction {
            if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1.0001 || y + height > 1.0001) {
                throw new IllegalArgumentException("fractions must describe a box inside the picture");
            }
        }

        @Override
        public Box box(int w, int h) throws InvalidRegionException {
            int left = (int) Math.floor(x * w);
            int top = (int) Math.floor(y * h);
            int right = Math.min(w, (int) Math.ceil((x + width) * w));
            int bottom = Math.min(h, (int) Math.ceil((y + height) * h));
            if (right <= left || bottom <= top) {
                throw new InvalidRegionException("The region is too small for a " + w + "x" + h + " picture.");
            }
            return new Box(left, top, right - left, bottom - top);
        }

        @Override
        public String encode() {
            return String.format(Locale.ROOT, "frac:%.4f,%.4f,%.4f,%.4f", x, y, width, height);
        }
    }

    /** Reads {@link #encode()}'s form. */
    static RegionSpec parse(String encoded) throws InvalidRegionException {
        if (encoded.startsWith("px:")) {
            return new Pixels(Box.parse(encoded.substring(3)));
        }
        if (encoded.startsWith("frac:")) {
            String[] parts = encoded.substring(5).split(",");
            if (parts.length == 4) {
                try {
                    return new Fraction(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                            Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
                } catch (IllegalArgumentException e) {
                    // falls through to the error below
                }
            }
        }
        throw new InvalidRegionException("The job's region '" + encoded + "' is not one the worker can read.");
    }
}
