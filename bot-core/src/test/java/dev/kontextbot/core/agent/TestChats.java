package dev.kontextbot.core.agent;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.RecordingPlatform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Small helpers for conversations with the real bot: one person talking, test pictures. */
public final class TestChats {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private TestChats() {
    }

    /** One person in one chat, with the platform that records what the bot says to them. */
    public record Person(KontextBot bot, ChatOrigin origin, RecordingPlatform chat) {

        /** Sends a message and waits for the turn (not for queued pictures). */
        public void say(String text, Attachment... attachments) {
            bot.onMessage(new ChatEvent(origin, Optional.empty(), text, List.of(attachments), Optional.empty(),
                    Optional.empty()), chat).join();
        }

        /** The next finished picture (a job's result). */
        public Reply.Image nextResult() {
            return chat.await(Reply.Image.class, i -> i.jobId().isPresent(), WAIT);
        }

        /** The next picture shown without a job (undo, redo, go to, a kept upload). */
        public Reply.Image nextShown() {
            return chat.await(Reply.Image.class, i -> i.jobId().isEmpty(), WAIT);
        }

        public Reply.Text nextText() {
            return chat.await(Reply.Text.class, t -> true, WAIT);
        }

        public Reply.Error nextError() {
            return chat.await(Reply.Error.class, e -> true, WAIT);
        }
    }

    /** A gradient PNG of the given size. */
    public static byte[] png(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

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

    public static Attachment photo() {
        return attachment("photo.png", png(640, 480));
    }
}
