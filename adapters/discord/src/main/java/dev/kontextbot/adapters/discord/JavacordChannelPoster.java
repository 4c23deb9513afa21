package dev.kontextbot.adapters.discord;

import java.util.List;
import java.util.Optional;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageUpdater;

/** {@link ChannelPoster} on Javacord's builders. */
final class JavacordChannelPoster implements ChannelPoster {

    @Override
    public Message post(TextChannel channel, Outgoing out, Optional<Long> replyTo, Optional<Long> mention) {
        MessageBuilder builder = new MessageBuilder();
        JavacordRendering.apply(builder, out, mention.map(List::of).orElse(List.of()));
        replyTo.ifPresent(builder::replyTo);
        return builder.send(channel).join();
    }

    @Override
    public Message edit(Message message, Outgoing out) {
        MessageUpdater updater = new MessageUpdater(message);
        // Edits replace the status line and its preview: drop what the message showed before.
        updater.removeExistingAttachments();
        updater.removeAllComponents();
        JavacordRendering.apply(updater, out, List.of());
        return updater.applyChanges().join();
    }

    @Override
    public void delete(Message message) {
        message.delete().join();
    }
}
