package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.ModalTargets;
import dev.kontextbot.adapters.discord.AccessPolicy;
import dev.kontextbot.adapters.discord.CommandTexts;
import dev.kontextbot.adapters.discord.DiscordOptions;
import dev.kontextbot.adapters.discord.Incidents;
import dev.kontextbot.adapters.discord.ProgressThrottle;
import dev.kontextbot.core.chat.KontextBot;
import java.net.http.HttpClient;
import java.time.Clock;
import net.dv8tion.jda.api.JDA;

/**
 * The JDA adapter's parts, put together once: the listener JDA calls (it exists before the login, so it goes into
 * the builder) and the delivery the bot calls, which can find channels only once JDA is ready.
 */
final class JdaWiring {

    private final JdaListener listener;
    private final JdaDelivery delivery;
    private final JdaChannels channels = new JdaChannels();

    JdaWiring(KontextBot bot, DiscordOptions options, Clock clock) {
        Incidents incidents = new Incidents();
        JdaOrigins origins = new JdaOrigins(new AccessPolicy(options));
        JdaInteractions interactions = new JdaInteractions(clock);
        JdaReplies replies = new JdaReplies(interactions, new JdaInteractionReplies(), new JdaChannelReplies(),
                channels, options.previews());
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        JdaInteractionFlow interactionFlow = new JdaInteractionFlow(bot, origins, new CommandTexts(), interactions,
                replies, new ModalTargets<>(clock), incidents, http, options.attachmentLimitBytes());
        JdaMessageFlow messageFlow = new JdaMessageFlow(bot, origins, replies, interactionFlow, incidents,
                options.attachmentLimitBytes());
        listener = new JdaListener(interactionFlow, messageFlow, incidents);
        delivery = new JdaDelivery(interactions, replies, channels,
                new ProgressThrottle(clock, ProgressThrottle.DISCORD_INTERVAL), options.attachmentLimitBytes(),
                incidents);
    }

    JdaListener listener() {
        return listener;
    }

    /** The delivery, now able to reach channels through {@code ready}. */
    JdaDelivery connect(JDA ready) {
        channels.attach(ready);
        return delivery;
    }
}
