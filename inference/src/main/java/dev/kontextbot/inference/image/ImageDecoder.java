package dev.kontextbot.inference.image;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.InferenceException.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;

/**
 * Decodes an uploaded image to an upright TYPE_INT_RGB picture.
 *
 * <p>Formats: PNG (8-bit RGB/RGBA by a direct decoder, {@code FastPngReader}; palette, greyscale, 16-bit,
 * interlaced and tRNS through ImageIO), JPEG (baseline, progressive, CMYK/YCCK through
 * TwelveMonkeys), WebP (TwelveMonkeys), GIF (first frame), BMP, and TIFF. The JPEG EXIF orientation is
 * applied; transparency is composited on white.
 *
 * <p>Safety: the file size and the pixel count declared in the header are checked against
 * {@link ImageLimits} before any pixel is decoded, so a decompression bomb costs a header read. Every
 * failure is an {@link InvalidImageException} with a plain message, never a raw library exception.
 * Thread-safe: each call uses its own reader.
 */
public final class ImageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private final ImageLimits limits;

    /** A decoder with {@link ImageLimits#defaults()}. */
    public ImageDecoder() {
        this(ImageLimits.defaults());
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * Decodes {@code bytes} to an upright RGB image.
     *
     * @throws InvalidImageException INVALID_IMAGE (empty, corrupt, truncated), IMAGE_TOO_LARGE (file or
     *                               declared pixel count over the limits), UNSUPPORTED_FORMAT (SVG, HEIC, text...)
     */
    public BufferedImage decode(byte[] bytes) throws InferenceException {
        ImageFormat format = checkBytes(bytes);
        if (format == ImageFormat.PNG) {
            BufferedImage direct = FastPngReader.decode(bytes, limits);
            if (direct != null) {
                return direct;
            }
        }
        ImageReader reader = openReader(bytes, format);
        try {
            checkPixels(reader);
            BufferedImage decoded = reader.read(0, reader.getDefaultReadParam());
            if ((long) decoded.getWidth() * decoded.getHeight() > limits.maxPixels()) {
                throw tooManyPixels(decoded.getWidth(), decoded.getHeight());
            }
            BufferedImage rgb = RgbImages.toRgb(decoded);
            return format == ImageFormat.JPEG ? ExifOrientation.apply(rgb, ExifOrientation.read(bytes)) : rgb;
        } catch (IOException | RuntimeException e) {
            LOG.debug("image decode failed", e);
            throw new InvalidImageException(Code.INVALID_IMAGE, "The " + format.name()
                    + " file is damaged or incomplete and cannot be read; please send it again.", e);
        } finally {
            disposeQuietly(reader);
        }
    }

    /**
     * The displayed size (EXIF orientation applied) and format, from the header only.
     *
     * @throws InvalidImageException as {@link #decode}, except that the pixel limit is not applied
     */
    public ImageSize probe(byte[] bytes) throws InferenceException {
        ImageFormat format = checkBytes(bytes);
        ImageReader reader = openReader(bytes, format);
        try {
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (format == ImageFormat.JPEG && ExifOrientation.swapsAxes(ExifOrientation.read(bytes))) {
                return new ImageSize(h, w, format.formatName());
            }
            return new ImageSize(w, h, format.formatName());
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(Code.INVALID_IMAGE, "The " + format.name()
                    + " file is damaged or incomplete and cannot be read; please send it again.", e);
        } finally {
            disposeQuietly(reader);
        }
    }

    private ImageFormat checkBytes(byte[] bytes) throws InvalidImageException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidImageException(Code.IMAGE_TOO_LARGE, "The file is " + megabytes(bytes.length)
                    + " MB; the limit is " + megabytes(limits.maxBytes()) + " MB. Please send a smaller image.");
        }
        return ImageFormat.sniff(bytes);
    }

    private void checkPixels(ImageReader reader) throws IOException, InvalidImageException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w <= 0 || h <= 0) {
            throw new InvalidImageException(Code.INVALID_IMAGE, "The image has no pixels (" + w + "x" + h + ").");
        }
        if ((long) w * h > limits.maxPixels()) {
            throw tooManyPixels(w, h);
        }
    }

    private InvalidImageException tooManyPixels(int w, int h) {
        return new InvalidImageException(Code.IMAGE_TOO_LARGE, "The image is " + w + "x" + h + " pixels; the limit is "
                + String.format(java.util.Locale.ROOT, "%.0f", limits.maxPixels() / 1e6)
                + " megapixels. Please send a smaller image.");
    }

    private static ImageReader openReader(byte[] bytes, ImageFormat format) throws InvalidImageException {
        ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            closeQuietly(stream);
            throw new InvalidImageException(Code.UNSUPPORTED_FORMAT, "The " + format.name()
                    + " file cannot be read by any installed decoder; " + ImageFormat.SUPPORTED);
        }
        ImageReader reader = readers.next();
        // seekForwardOnly=false: readers may go back to the header; ignoreMetadata=true: EXIF is parsed apart.
        reader.setInput(stream, false, true);
        return reader;
    }

    private static void disposeQuietly(ImageReader reader) {
        Object input = reader.getInput();
        reader.dispose();
        if (input instanceof ImageInputStream stream) {
            closeQuietly(stream);
        }
    }

    private static void closeQuietly(ImageInputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.trace("closing an in-memory image stream failed", e);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
