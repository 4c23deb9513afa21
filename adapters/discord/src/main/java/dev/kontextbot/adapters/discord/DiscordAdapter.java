package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.KontextBot;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot: logs in as one shard, guards Javacord against issue #1198, registers the commands (shard 0
 * only: they belong to the application, not the shard), listens, and delivers the bot's late replies.
 */
public final class DiscordAdapter implements DiscordBot {

    private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);

    private final KontextBot bot;
    private final DiscordOptions options;
    private final Clock clock;
    private DiscordApi api;
    private DiscordDelivery delivery;

    public DiscordAdapter(KontextBot bot, DiscordOptions options, Clock clock) {
        this.bot = bot;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Connects and starts answering; blocks until Discord accepted the login.
     *
     * @throws DiscordStartException when Discord refuses the token or the intents, in plain words
     */
    @Override
    public void start() {
        DiscordApiBuilder builder = new DiscordApiBuilder().setToken(options.token())
                .setTotalShards(options.shardCount()).setCurrentShard(options.shardId())
                .setWaitForUsersOnStartup(false);
        if (options.messageContentIntent()) {
            builder.setAllNonPrivilegedIntentsAnd(Intent.MESSAGE_CONTENT);
        } else {
            builder.setAllNonPrivilegedIntents();
        }
        try {
            api = builder.login().join();
        } catch (CompletionException e) {
            throw new DiscordStartException("Discord refused the login (check DISCORD_TOKEN"
                    + (options.messageContentIntent() ? ", and enable the Message Content intent in the Developer "
                    + "Portal or set DISCORD_MESSAGE_CONTENT=false" : "") + "): " + rootMessage(e), e);
        }
        UncachedChannelGuard.install(api, new UncachedChannelResponder(HttpClient.newHttpClient(),
                options.endpoints().apiBase()));
        DiscordWiring wiring = DiscordWiring.of(bot, options, clock, InteractionMessages.JAVACORD,
                new JavacordChannelPoster(), api::getTextChannelById, api.getYourself().getId());
        delivery = wiring.delivery();
        bot.register(delivery);
        bot.onFlagged(new AdminNotices(api, options.adminUsers())::tell);
        api.addListener(wiring.listeners());
        if (options.shardId() == 0) {
            registerCommands();
        }
        log.info("Discord: logged in as {} (shard {}/{}), commands {}, Message Content intent {}",
                api.getYourself().getDiscriminatedName(), options.shardId(), options.shardCount(),
                options.guildId().map(g -> "in guild " + g).orElse("global"),
                options.messageContentIntent() ? "on" : "off");
    }

    @Override
    public ChatPlatform platform() {
        if (delivery == null) {
            throw new IllegalStateException("start() the Discord adapter first");
        }
        return delivery;
    }

    /** The invite link for this application: bot and command scopes, and the permissions the bot uses. */
    @Override
    public String inviteUrl() {
        return DiscordInvite.url(api.getClientId());
    }

    @Override
    public void close() {
        if (api != null) {
            api.disconnect().join();
        }
    }

    private void registerCommands() {
        try {
            JavacordCommands.register(api, DiscordCommands.standard(), options.guildId()).join();
        } catch (CompletionException e) {
            // The bot still answers messages; the operator sees why commands are missing.
            log.error("Registering the slash commands failed: {}", rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
