package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.RgbImages;
import java.awt.image.BufferedImage;

/**
 * Input pictures as FLUX.2 prepares them (BFL {@code encode_image_refs} / {@code default_prep}): each side at least
 * {@value #MIN_SIDE} and the aspect ratio at most {@value #MAX_ASPECT} (else a plain refusal); shrunk with Lanczos
 * to at most {@link #ONE_PICTURE_PIXELS} when it is the only picture and {@link #EACH_OF_SEVERAL_PIXELS} each when
 * there are several ({@code cap_pixels}: scale {@code sqrt(limit / pixels)}, sides truncated); centre-cropped to
 * multiples of {@value #MULTIPLE}. The [-1, 1] scaling happens when the pixels go into the encoder's tensor.
 */
final class KleinPictures {

    static final int MIN_SIDE = 64;
    static final int MAX_ASPECT = 8;
    static final long ONE_PICTURE_PIXELS = 2024L * 2024;
    static final long EACH_OF_SEVERAL_PIXELS = 1024L * 1024;
    static final int MULTIPLE = 16;

    private final LanczosResizer resizer = new LanczosResizer();

    /** The pixel limit for one of {@code count} pictures. */
    static long limit(int count) {
        return count == 1 ? ONE_PICTURE_PIXELS : EACH_OF_SEVERAL_PIXELS;
    }

    /** The size {@code prepare} gives a {@code width x height} picture under {@code limit}: {width, height}. */
    static int[] preparedSize(int width, int height, long limit) {
        int w = width;
        int h = height;
        long pixels = (long) width * height;
        if (pixels > limit) {
            double scale = Math.sqrt((double) limit / pixels);
            w = (int) (width * scale);
            h = (int) (height * scale);
        }
        return new int[] {w / MULTIPLE * MULTIPLE, h / MULTIPLE * MULTIPLE};
    }

    /** Refuses a picture too small or too narrow, naming which of the {@code count} pictures it is. */
    static void check(BufferedImage picture, int index, int count) throws InferenceException {
        int w = picture.getWidth();
        int h = picture.getHeight();
        String which = count == 1 ? "The picture" : "Picture " + (index + 1);
        if (w < MIN_SIDE || h < MIN_SIDE) {
            throw RequestLimits.invalid(which + " is " + w + "x" + h + "; each side must be at least " + MIN_SIDE
                    + " pixels.");
        }
        if ((double) Math.max(w, h) / Math.min(w, h) > MAX_ASPECT) {
            throw RequestLimits.invalid(which + " is " + w + "x" + h + ", more than " + MAX_ASPECT
                    + " times as long as it is wide; crop it first.");
        }
    }

    /** The picture capped to {@code limit} pixels and centre-cropped to multiples of 16, as TYPE_INT_RGB. */
    BufferedImage prepare(BufferedImage picture, long limit) {
        BufferedImage rgb = RgbImages.toRgb(picture);
        long pixels = (long) rgb.getWidth() * rgb.getHeight();
        if (pixels > limit) {
            double scale = Math.sqrt((double) limit / pixels);
            rgb = resizer.resize(rgb, (int) (rgb.getWidth() * scale), (int) (rgb.getHeight() * scale));
        }
        int w = rgb.getWidth() / MULTIPLE * MULTIPLE;
        int h = rgb.getHeight() / MULTIPLE * MULTIPLE;
        if (w == rgb.getWidth() && h == rgb.getHeight()) {
            return rgb;
        }
        int left = (rgb.getWidth() - w) / 2;
        int top = (rgb.getHeight() - h) / 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = RgbImages.pixels(out);
        rgb.getRGB(left, top, w, h, px, 0, w);
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xFFFFFF;
        }
        return out;
    }
}
