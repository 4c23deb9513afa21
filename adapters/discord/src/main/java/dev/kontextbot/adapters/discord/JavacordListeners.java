package dev.kontextbot.adapters.discord;

import java.util.function.Supplier;
import org.javacord.api.event.interaction.ButtonClickEvent;
import org.javacord.api.event.interaction.MessageContextMenuCommandEvent;
import org.javacord.api.event.interaction.ModalSubmitEvent;
import org.javacord.api.event.interaction.SlashCommandCreateEvent;
import org.javacord.api.event.message.MessageCreateEvent;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.listener.interaction.ButtonClickListener;
import org.javacord.api.listener.interaction.MessageContextMenuCommandListener;
import org.javacord.api.listener.interaction.ModalSubmitListener;
import org.javacord.api.listener.interaction.SlashCommandCreateListener;
import org.javacord.api.listener.message.MessageCreateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Javacord's listeners, kept thin: each hands the event to a flow and turns anything that escapes into an incident
 * answered in plain words, so no interaction is left on "This interaction failed".
 */
final class JavacordListeners implements SlashCommandCreateListener, MessageContextMenuCommandListener,
        ModalSubmitListener, ButtonClickListener, MessageCreateListener {

    private static final Logger log = LoggerFactory.getLogger(JavacordListeners.class);

    private final InteractionFlow interactions;
    private final MessageFlow messages;
    private final Incidents incidents;

    JavacordListeners(InteractionFlow interactions, MessageFlow messages, Incidents incidents) {
        this.interactions = interactions;
        this.messages = messages;
        this.incidents = incidents;
    }

    @Override
    public void onSlashCommandCreate(SlashCommandCreateEvent event) {
        guarded(event::getSlashCommandInteraction, "a slash command",
                () -> interactions.onSlashCommand(event.getSlashCommandInteraction()));
    }

    @Override
    public void onMessageContextMenuCommand(MessageContextMenuCommandEvent event) {
        guarded(event::getMessageContextMenuInteraction, "the context menu",
                () -> interactions.onEditWithKontext(event.getMessageContextMenuInteraction()));
    }

    @Override
    public void onModalSubmit(ModalSubmitEvent event) {
        guarded(event::getModalInteraction, "a modal", () -> interactions.onModal(event.getModalInteraction()));
    }

    @Override
    public void onButtonClick(ButtonClickEvent event) {
        guarded(event::getButtonInteraction, "a button", () -> interactions.onButton(event.getButtonInteraction()));
    }

    @Override
    public void onMessageCreate(MessageCreateEvent event) {
        try {
            messages.onMessage(event.getMessage());
        } catch (RuntimeException | AssertionError e) {
            // No answer: a plain message the bot failed to read may not have been meant for it.
            incidents.report("a message", e);
        }
    }

    private void guarded(Supplier<? extends InteractionBase> interactionOf, String what, Runnable flow) {
        try {
            flow.run();
        } catch (RuntimeException | AssertionError e) {
            InteractionBase interaction;
            try {
                interaction = interactionOf.get();
            } catch (RuntimeException | AssertionError unreadable) {
                incidents.report(what + " that Javacord could not read", e);
                return;
            }
            String message = e instanceof AssertionError ? InteractionFlow.UNSUPPORTED_CHANNEL
                    : Incidents.message(incidents.report(what, e));
            if (e instanceof AssertionError) {
                log.warn("Javacord could not handle an interaction in {} (issue #1198): {}", what, e.toString());
            }
            try {
                interactions.answerFailure(interaction, message);
            } catch (RuntimeException again) {
                // Already deferred or answered: the deferred response shows the failure instead, if it can.
                log.debug("Could not answer a failed interaction", again);
            }
        }
    }
}
