package dev.kontextbot.core.region;

import dev.kontextbot.conversation.jobs.Region;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.InvalidRegionException;
import java.util.Locale;

/**
 * Where a local edit may change the picture: a box in pixels of the base picture ("100,150,300,200"), or in
 * fractions of its size for areas given in words ("the top-left quarter"), which fit any picture. A job carries it
 * as its recipe's {@link Region}.
 */
public sealed interface RegionSpec {

    /** The box on a {@code width} x {@code height} picture. */
    Box box(int width, int height) throws InvalidRegionException;

    /** The job's form of this region. */
    Region toRegion();

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
        public Region toRegion() {
            return new Region.Pixels(box.x(), box.y(), box.width(), box.height());
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

        /** To four decimals, as jobs have always carried fractions (a third is 0.3333), so the box stays the same. */
        @Override
        public Region toRegion() {
            return new Region.Fractions(fourDecimals(x), fourDecimals(y), fourDecimals(width), fourDecimals(height));
        }

        private static double fourDecimals(double v) {
            return Double.parseDouble(String.format(Locale.ROOT, "%.4f", v));
        }
    }

    /**
     * The region a job carries. A box with a negative corner or no area is the request's fault, as one past the
     * edge is: an {@link InvalidRegionException} in plain words.
     */
    static RegionSpec from(Region region) throws InvalidRegionException {
        try {
            return switch (region) {
                case Region.Pixels p -> new Pixels(new Box(p.x(), p.y(), p.width(), p.height()));
                case Region.Fractions f -> new Fraction(f.x(), f.y(), f.width(), f.height());
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidRegionException("The job's region " + region + " is not one the worker can read.");
        }
    }
}
