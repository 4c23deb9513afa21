package dev.kontextbot.inference.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/** Conversion of any decoded image to a plain TYPE_INT_RGB image, alpha composited on white. */
public final class RgbImages {

    private RgbImages() {
    }

    /**
     * True for a TYPE_INT_RGB image whose pixels are exactly {@code data[y*width + x]} (no sub-image
     * offsets), so its int array can be read and written directly.
     */
    static boolean isPlainIntRgb(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            return false;
        }
        Raster raster = image.getRaster();
        return raster.getParent() == null && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm
                && sm.getScanlineStride() == image.getWidth()
                && raster.getDataBuffer() instanceof DataBufferInt db && db.getOffset() == 0;
    }

    /** The pixels of a {@link #isPlainIntRgb plain} INT_RGB image, 0x00RRGGBB, row-major. */
    public static int[] pixels(BufferedImage plainIntRgb) {
        return ((DataBufferInt) plainIntRgb.getRaster().getDataBuffer()).getData();
    }

    /**
     * A plain TYPE_INT_RGB copy of {@code image} (or the image itself when it already is one). Transparent
     * pixels are composited on white. Greyscale (8 or 16 bit, with or without alpha) is read from the raw
     * samples and replicated to R=G=B, as PIL's {@code convert("RGB")} does: Java2D would otherwise treat the
     * grey as linear light and brighten it.
     */
    public static BufferedImage toRgb(BufferedImage image) {
        if (isPlainIntRgb(image)) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = pixels(out);
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(image.getColorModel() instanceof java.awt.image.IndexColorModel)) {
            greyToRgb(image, dst);
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w); // non-premultiplied sRGB ARGB
                int base = y * w;
                for (int x = 0; x < w; x++) {
                    dst[base + x] = overWhite(row[x]);
                }
            }
        }
        return out;
    }

    private static void greyToRgb(BufferedImage image, int[] dst) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = raster.getNumBands();
        boolean alpha = image.getColorModel().hasAlpha() && bands > 1;
        int greyMax = (1 << image.getColorModel().getComponentSize(0)) - 1;
        int alphaMax = alpha ? (1 << image.getColorModel().getComponentSize(bands - 1)) - 1 : 1;
        int[] grey = new int[w];
        int[] alphas = alpha ? new int[w] : null;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, w, 1, bands - 1, alphas);
            }
            int base = y * w;
            for (int x = 0; x < w; x++) {
                double g = grey[x] * 255.0 / greyMax;
                if (alpha) {
                    double a = (double) alphas[x] / alphaMax;
                    g = g * a + 255.0 * (1 - a);
                }
                int v = (int) Math.round(g);
                dst[base + x] = v << 16 | v << 8 | v;
            }
        }
    }

    /** Composites a non-premultiplied ARGB pixel over white, rounding to nearest. */
    private static int overWhite(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb & 0xFFFFFF;
        }
        int white = 255 * (255 - a);
        int r = ((argb >> 16 & 0xFF) * a + white + 127) / 255;
        int g = ((argb >> 8 & 0xFF) * a + white + 127) / 255;
        int b = ((argb & 0xFF) * a + white + 127) / 255;
        return r << 16 | g << 8 | b;
    }
}
