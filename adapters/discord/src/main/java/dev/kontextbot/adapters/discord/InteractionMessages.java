package dev.kontextbot.adapters.discord;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.callback.InteractionFollowupMessageBuilder;
import org.javacord.api.interaction.callback.InteractionImmediateResponseBuilder;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.javacord.core.interaction.InteractionOriginalResponseUpdaterImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Javacord calls on an interaction: answer at once, edit the original response, send and edit follow-ups. */
final class InteractionMessages {

    private static final Logger log = LoggerFactory.getLogger(InteractionMessages.class);

    /**
     * A fresh updater of the original response for each edit: Javacord's updater keeps what was added to it, so
     * reusing the one from {@code respondLater()} would upload every earlier preview again.
     */
    @FunctionalInterface
    interface OriginalResponses {
        InteractionOriginalResponseUpdater open(InteractionBase interaction);
    }

    /** Javacord's own updater: the API offers no other way to edit {@code @original} after the deferral. */
    static final OriginalResponses JAVACORD = InteractionOriginalResponseUpdaterImpl::new;

    private final OriginalResponses originals;

    InteractionMessages(OriginalResponses originals) {
        this.originals = originals;
    }

    /** The first and only immediate answer (guards, unsupported channels): only the asker sees it. */
    void answerNow(InteractionBase interaction, String text) {
        InteractionImmediateResponseBuilder responder = interaction.createImmediateResponder();
        responder.setContent(text);
        responder.setAllowedMentions(JavacordRendering.mentions(java.util.List.of()));
        responder.setFlags(MessageFlag.EPHEMERAL);
        responder.respond().join();
    }

    Optional<String> editOriginal(InteractionBase interaction, Outgoing out) {
        InteractionOriginalResponseUpdater updater = originals.open(interaction);
        JavacordRendering.apply(updater, out);
        return id(updater.update());
    }

    Optional<String> followup(InteractionBase interaction, Outgoing out) {
        InteractionFollowupMessageBuilder builder = interaction.createFollowupMessageBuilder();
        JavacordRendering.apply(builder, out);
        return id(builder.send());
    }

    Optional<String> editFollowup(InteractionBase interaction, String messageId, Outgoing out) {
        InteractionFollowupMessageBuilder builder = interaction.createFollowupMessageBuilder();
        JavacordRendering.apply(builder, out);
        return id(builder.update(messageId));
    }

    private static Optional<String> id(CompletableFuture<Message> sent) {
        try {
            return Optional.of(Long.toString(sent.join().getId()));
        } catch (CompletionException e) {
            if (e.getCause() instanceof NoSuchElementException) {
                // Javacord sent it but cannot build the Message of an uncached channel ("TextChannel is not cached").
                log.debug("Interaction message sent in an uncached channel; its id is unknown", e);
                return Optional.empty();
            }
            throw e;
        }
    }
}
