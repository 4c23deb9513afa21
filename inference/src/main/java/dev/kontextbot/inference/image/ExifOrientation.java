package dev.kontextbot.inference.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The EXIF Orientation tag (0x0112) of a JPEG and the transform that shows the image upright.
 *
 * <p>The tag is read from the APP1 "Exif" segment's first IFD with a small bounds-checked parser: a broken
 * or missing EXIF block means "upright" (1), as browsers treat it, never an error.
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation 1..8 of a JPEG file, 1 when absent or unreadable. */
    static int read(byte[] jpeg) {
        try {
            int i = 2; // after SOI
            while (i + 4 <= jpeg.length) {
                if ((jpeg[i] & 0xFF) != 0xFF) {
                    return UPRIGHT;
                }
                int marker = jpeg[i + 1] & 0xFF;
                if (marker == 0xFF) { // fill byte
                    i++;
                    continue;
                }
                if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: no more headers
                    return UPRIGHT;
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // markers without a length
                    i += 2;
                    continue;
                }
                int length = u16(jpeg, i + 2, false);
                if (marker == 0xE1 && length >= 8 && isExifHeader(jpeg, i + 4)) {
                    return fromTiff(jpeg, i + 10, Math.min(jpeg.length, i + 2 + length));
                }
                i += 2 + length;
            }
        } catch (IndexOutOfBoundsException e) {
            // truncated or corrupt EXIF: treat as upright
        }
        return UPRIGHT;
    }

    private static boolean isExifHeader(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return UPRIGHT;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return UPRIGHT;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return UPRIGHT;
        }
        int count = u16(b, (int) ifd, little);
        for (int k = 0; k < count; k++) {
            int entry = (int) ifd + 2 + 12 * k;
            if (entry + 12 > end) {
                return UPRIGHT;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                int type = u16(b, entry + 2, little);
                int value = type == 3 ? u16(b, entry + 8, little) : (int) u32(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? b0 | b1 << 8 : b0 << 8 | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long lo = u16(b, at + (little ? 0 : 2), little);
        long hi = u16(b, at + (little ? 2 : 0), little);
        return hi << 16 | lo;
    }

    /** True when the orientation swaps width and height (5..8). */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * The upright image for an EXIF orientation. {@code rgb} must be TYPE_INT_RGB; orientation 1 returns it
     * unchanged.
     */
    static BufferedImage apply(BufferedImage rgb, int orientation) {
        if (orientation == UPRIGHT) {
            return rgb;
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] src = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        boolean swap = swapsAxes(orientation);
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int yo = 0; yo < oh; yo++) {
            for (int xo = 0; xo < ow; xo++) {
                int xi;
                int yi;
                switch (orientation) {
                    case 2 -> { xi = w - 1 - xo; yi = yo; }           // mirror horizontally
                    case 3 -> { xi = w - 1 - xo; yi = h - 1 - yo; }   // rotate 180
                    case 4 -> { xi = xo; yi = h - 1 - yo; }           // mirror vertically
                    case 5 -> { xi = yo; yi = xo; }                   // transpose
                    case 6 -> { xi = yo; yi = h - 1 - xo; }           // rotate 90 clockwise
                    case 7 -> { xi = w - 1 - yo; yi = h - 1 - xo; }   // transverse
                    case 8 -> { xi = w - 1 - yo; yi = xo; }           // rotate 90 counter-clockwise
                    default -> { xi = xo; yi = yo; }
                }
                dst[yo * ow + xo] = src[yi * w + xi];
            }
        }
        return out;
    }
}
