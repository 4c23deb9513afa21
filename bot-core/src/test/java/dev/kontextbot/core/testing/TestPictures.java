package dev.kontextbot.core.testing;

import dev.kontextbot.core.chat.Attachment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Pictures for tests: a gradient PNG of any size, and chat attachments that carry given bytes. */
public final class TestPictures {

    private TestPictures() {
    }

    /** A gradient PNG of the given size (red across, green down). */
    public static byte[] png(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x40);
            }
        }
        return encode(image);
    }

    /** {@code image} as PNG bytes. */
    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An uploaded PNG named {@code name} whose content is {@code bytes}, whatever they are. */
    public static Attachment attachment(String name, byte[] bytes) {
        return new Attachment() {
            @Override
            public String fileName() {
                return name;
            }

            @Override
            public String mimeType() {
                return "image/png";
            }

            @Override
            public long sizeBytes() {
                return bytes.length;
            }

            @Override
            public byte[] fetch(long maxBytes) {
                return bytes;
            }
        };
    }

    /** A 640x480 gradient uploaded as {@code photo.png}. */
    public static Attachment photo() {
        return attachment("photo.png", png(640, 480));
    }
}
