package dev.kontextbot.inference.image;

import dev.kontextbot.inference.InferenceException.Code;

import java.nio.charset.StandardCharsets;

/**
 * Recognises a file's format from its first bytes (magic numbers), so unsupported or non-image files get a
 * precise message and never reach an image reader.
 */
enum ImageFormat {
    PNG("png"), JPEG("jpeg"), GIF("gif"), BMP("bmp"), WEBP("webp"), TIFF("tiff");

    static final String SUPPORTED = "send a PNG, JPEG, WebP, GIF or BMP.";

    private final String formatName;

    ImageFormat(String formatName) {
        this.formatName = formatName;
    }

    String formatName() {
        return formatName;
    }

    /** The format of {@code bytes}, or a typed error naming what the file is when we can tell. */
    static ImageFormat sniff(byte[] bytes) throws InvalidImageException {
        if (bytes.length == 0) {
            throw new InvalidImageException(Code.INVALID_IMAGE, "The file is empty; " + SUPPORTED);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (startsWith(bytes, 0, 'B', 'M') && bytes.length >= 26) {
            return BMP;
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(bytes, 0, 'I', 'I', 42, 0) || startsWith(bytes, 0, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (startsWith(bytes, 4, 'f', 't', 'y', 'p')) {
            throw new InvalidImageException(Code.UNSUPPORTED_FORMAT,
                    "The file is not an image we can read (HEIC and AVIF are not supported); " + SUPPORTED);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1)
                .toLowerCase(java.util.Locale.ROOT);
        if (head.contains("<svg")) {
            throw new InvalidImageException(Code.UNSUPPORTED_FORMAT,
                    "The file is not an image we can read (SVG is not supported); " + SUPPORTED);
        }
        throw new InvalidImageException(Code.UNSUPPORTED_FORMAT, "The file is not an image we can read; " + SUPPORTED);
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
