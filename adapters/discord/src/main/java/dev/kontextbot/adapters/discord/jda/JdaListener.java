package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.Incidents;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's listener, kept thin: each event (on a virtual thread of its own) goes to a flow, and anything that escapes
 * becomes an incident answered in plain words, so no interaction is left on "This interaction failed".
 */
final class JdaListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(JdaListener.class);

    private final JdaInteractionFlow interactions;
    private final JdaMessageFlow messages;
    private final Incidents incidents;

    JdaListener(JdaInteractionFlow interactions, JdaMessageFlow messages, Incidents incidents) {
        this.interactions = interactions;
        this.messages = messages;
        this.incidents = incidents;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        guarded(event, "a slash command", () -> interactions.onSlashCommand(event));
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        guarded(event, "the context menu", () -> interactions.onEditWithKontext(event));
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        guarded(event, "a modal", () -> interactions.onModal(event));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        guarded(event, "a button", () -> interactions.onButton(event));
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        try {
            messages.onMessage(event);
        } catch (RuntimeException e) {
            // No answer: a plain message the bot failed to read may not have been meant for it.
            incidents.report("a message", e);
        }
    }

    private void guarded(IReplyCallback interaction, String what, Runnable flow) {
        try {
            flow.run();
        } catch (RuntimeException e) {
            String message = Incidents.message(incidents.report(what, e));
            if (interaction.isAcknowledged()) {
                return;
            }
            try {
                interactions.answerNow(interaction, message);
            } catch (RuntimeException again) {
                log.debug("Could not answer a failed interaction", again);
            }
        }
    }
}
