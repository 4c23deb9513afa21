package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.KontextBot;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongFunction;
import org.javacord.api.entity.channel.TextChannel;

/**
 * The adapter's parts, put together once: the listeners Javacord calls and the delivery the bot calls. The three
 * Javacord touch points that need a live connection come in as arguments, so tests build the same graph around
 * Javacord mocks and the real bot.
 *
 * @param originals how to edit an interaction's original response
 * @param poster    how to post, edit and delete channel messages
 * @param channels  the channel with an id, when the bot can see it
 * @param selfId    the bot's own user id (to strip its mention from messages)
 */
record DiscordWiring(JavacordListeners listeners, DiscordDelivery delivery) {

    static DiscordWiring of(KontextBot bot, DiscordOptions options, Clock clock,
                            InteractionMessages.OriginalResponses originals, ChannelPoster poster,
                            LongFunction<Optional<TextChannel>> channels, long selfId) {
        Incidents incidents = new Incidents();
        DiscordOrigins origins = new DiscordOrigins(new AccessPolicy(options));
        ReplyRenderer renderer = new ReplyRenderer(new AttachmentEncoder(options.attachmentLimitBytes()),
                options.previews());
        LiveInteractions interactions = new LiveInteractions(clock);
        InteractionMessages messages = new InteractionMessages(originals);
        ChannelReplies channelReplies = new ChannelReplies(poster);
        DiscordDelivery delivery = new DiscordDelivery(interactions, new InteractionReplies(messages), channelReplies,
                renderer, new ProgressThrottle(clock, ProgressThrottle.DISCORD_INTERVAL), channels, incidents);
        InteractionFlow interactionFlow = new InteractionFlow(bot, origins, new CommandTexts(), interactions,
                messages, renderer, new ModalTargets<>(clock), incidents);
        MessageFlow messageFlow = new MessageFlow(bot, origins, channelReplies, renderer, incidents, selfId);
        return new DiscordWiring(new JavacordListeners(interactionFlow, messageFlow, incidents), delivery);
    }
}
