package dev.kontextbot.core.edit;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.MessageRef;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.image.ImageIntake;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.inference.image.PngCodec;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.UUID;

/**
 * Chooses the version an edit starts from: the pictures just sent (stored as a new root first), the result being
 * replied to, or the current one; and stores sent pictures as references.
 */
public final class BaseVersions {

    private final ConversationStore store;
    private final ImageIntake intake;
    private final PngCodec png;
    private final Screening screening;

    public BaseVersions(ConversationStore store, ImageIntake intake, PngCodec png, Screening screening) {
        this.store = store;
        this.intake = intake;
        this.png = png;
        this.screening = screening;
    }

    /** The version an edit in this turn starts from, storing newly sent pictures as a new root first. */
    public Optional<Version> base(TurnContext ctx) {
        Optional<ChatEvent> event = ctx.event();
        if (event.isPresent() && !event.get().attachments().isEmpty()) {
            return Optional.of(remember(ctx));
        }
        if (event.isPresent() && event.get().replyToMessageId().isPresent()) {
            MessageRef ref = new MessageRef(ctx.origin().platform(), ctx.origin().chatId(),
                    event.get().replyToMessageId().get());
            var shown = store.resolveMessage(ref);
            if (shown.isPresent()) {
                return Optional.of(store.continueFrom(ctx.conversation(), shown.get(), ctx.userId()));
            }
        }
        return store.head(ctx.conversation());
    }

    /** Stores the pictures of this message as a new root version and makes it current. */
    public Version remember(TurnContext ctx) {
        return rememberPicture(ctx, readAttachments(ctx, "to edit", true).image());
    }

    /** Stores {@code image}, one picture of this message, as a new root version and makes it current. */
    Version rememberPicture(TurnContext ctx, BufferedImage image) {
        ChatEvent event = ctx.event().orElseThrow(() -> new TurnException("no_image", "Send a picture first."));
        String blob = store.blobs(ctx.conversation(), ctx.userId()).putPng(png.encodePng(image));
        String uploadId = "upload:" + ctx.origin().platform() + ":" + ctx.origin().chatId() + ":"
                + event.messageId().orElseGet(() -> UUID.randomUUID().toString());
        return store.append(ctx.conversation(), NewVersion.upload(blob, image.getWidth(), image.getHeight(),
                ctx.userId(), uploadId));
    }

    /**
     * Stores the pictures of this message as a blob only (no version: the current picture stays current), for a
     * reference. Returns the blob id.
     */
    public String storeAttachment(TurnContext ctx) {
        ImageIntake.Intake in = readAttachments(ctx, "as the reference", true);
        return storePicture(ctx, in.image());
    }

    /** Stores one picture as a blob of the conversation; returns its id. */
    String storePicture(TurnContext ctx, BufferedImage picture) {
        return store.blobs(ctx.conversation(), ctx.userId()).putPng(png.encodePng(picture));
    }

    /** @param combined whether the pictures are used side by side as one (else each is used on its own) */
    ImageIntake.Intake readAttachments(TurnContext ctx, String purpose, boolean combined) {
        ChatEvent event = ctx.event().orElseThrow(() -> new TurnException("no_image", "Send a picture first."));
        if (event.attachments().isEmpty()) {
            throw new TurnException("no_image", "Send a picture first.");
        }
        ImageIntake.Intake in = intake.read(event.attachments());
        // Already screened at the start of the turn when a classifier is installed; this covers any other path.
        screening.checkUploads(ctx.origin(), ctx.conversation(), event.text(), in.parts());
        if (combined && in.pictures() > 1) {
            ctx.send(new Reply.Text("I combined your " + in.pictures() + " pictures side by side into one picture "
                    + purpose + "."));
        }
        return in;
    }
}
