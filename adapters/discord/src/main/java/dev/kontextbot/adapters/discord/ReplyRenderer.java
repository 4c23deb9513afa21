package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the bot's replies as Discord messages: status lines for queued and running jobs (with a small preview
 * when enabled), results as the picture within the upload limit with its caption and buttons, the lossless
 * original when it fits, a set of variations as one grid picture with a pick button each, and errors in plain
 * words.
 */
public final class ReplyRenderer {

    private static final int BAR_CELLS = 10;

    private final AttachmentEncoder encoder;
    private final boolean previews;

    public ReplyRenderer(AttachmentEncoder encoder, boolean previews) {
        this.encoder = encoder;
        this.previews = previews;
    }

    public Outgoing render(Reply reply) {
        return switch (reply) {
            case Reply.Text text -> new Outgoing(text.text(), Optional.empty(), text.actions(), false);
            case Reply.Error error -> Outgoing.text("⚠️ " + error.message());
            case Reply.Queued queued -> Outgoing.text(queued.ahead() <= 0
                    ? "⏳ Starting your job…"
                    : "⏳ Queued: " + queued.ahead() + (queued.ahead() == 1 ? " job" : " jobs") + " ahead of you"
                    + eta(queued.eta()) + ".");
            case Reply.Progress progress -> progress(progress);
            case Reply.Image image -> image(image);
            case Reply.Variations variations -> variations(variations);
            case Reply.File file -> file(file);
        };
    }

    private Outgoing progress(Reply.Progress progress) {
        int steps = Math.max(1, progress.steps());
        int step = Math.clamp(progress.step(), 0, steps);
        int filled = step * BAR_CELLS / steps;
        String line = "🎨 Working: step " + step + "/" + steps + " " + "▰".repeat(filled)
                + "▱".repeat(BAR_CELLS - filled) + eta(progress.remaining()) + (step < steps ? " left" : "");
        Optional<Outgoing.File> preview = progress.previewPng()
                .filter(png -> previews && encoder.fits(png.length))
                .map(png -> new Outgoing.File(png, "preview.png", "Blurry preview of the picture in progress"));
        return new Outgoing(line, preview, List.of(), false);
    }

    private Outgoing image(Reply.Image image) {
        AttachmentEncoder.Encoded encoded = encoder.encode(image.png(), "kontext-v" + image.versionNumber());
        String caption = image.caption();
        if (!encoded.lossless()) {
            caption += "\n(sent as a high-quality JPEG to fit Discord's " + megabytes(encoder.limitBytes())
                    + " upload limit)";
        }
        String altText = image.caption().lines().findFirst().orElse("v" + image.versionNumber());
        return new Outgoing(caption, Optional.of(new Outgoing.File(encoded.bytes(), encoded.fileName(), altText)),
                image.actions(), false);
    }

    /** One message: the grid of the variations and a "Pick N" button each (one row: at most four). */
    private Outgoing variations(Reply.Variations variations) {
        String versions = variations.variations().stream().map(v -> v.number() + ": v" + v.versionNumber())
                .collect(java.util.stream.Collectors.joining(", "));
        AttachmentEncoder.Encoded encoded = encoder.encode(variations.gridPng(), "kontext-variations-v"
                + variations.variations().getFirst().versionNumber());
        String caption = variations.caption();
        if (!encoded.lossless()) {
            caption += "\n(the grid is a high-quality JPEG to fit Discord's " + megabytes(encoder.limitBytes())
                    + " upload limit)";
        }
        return new Outgoing(caption, Optional.of(new Outgoing.File(encoded.bytes(), encoded.fileName(),
                "Variations side by side, numbered " + versions)), variations.picks(), false);
    }

    private Outgoing file(Reply.File file) {
        if (!encoder.fits(file.bytes().length)) {
            return Outgoing.text("The original is " + megabytes(file.bytes().length) + ", more than the "
                    + megabytes(encoder.limitBytes()) + " Discord lets me upload here, so I can't send it. "
                    + "The picture above is a high-quality JPEG of it.");
        }
        return new Outgoing(file.caption(), Optional.of(new Outgoing.File(file.bytes(), file.fileName(),
                "Lossless original: " + file.caption())), List.of(), false);
    }

    /** ", about 40 s" / ", about 3 min"; nothing when unknown. */
    private static String eta(Duration eta) {
        if (eta == null || eta.isZero() || eta.isNegative()) {
            return "";
        }
        long seconds = eta.toSeconds();
        return seconds < 90 ? ", about " + Math.max(1, seconds) + " s" : ", about " + Math.round(seconds / 60.0) + " min";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
