package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.DiscordBot;
import dev.kontextbot.adapters.discord.DiscordCommands;
import dev.kontextbot.adapters.discord.DiscordInvite;
import dev.kontextbot.adapters.discord.DiscordOptions;
import dev.kontextbot.adapters.discord.DiscordStartException;
import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.KontextBot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot on JDA 6 (DISCORD_LIBRARY=jda): logs in as one shard against the configured REST base and
 * gateway, registers the commands (shard 0 only: they belong to the application), listens on virtual threads (JDA
 * would otherwise run listeners on its gateway read thread, where one slow handler delays every later deferral),
 * and delivers the bot's late replies.
 */
public final class JdaAdapter implements DiscordBot {

    private static final Logger log = LoggerFactory.getLogger(JdaAdapter.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_POLL = Duration.ofMillis(50);

    private final KontextBot bot;
    private final DiscordOptions options;
    private final Clock clock;
    private final ExecutorService events = Executors.newVirtualThreadPerTaskExecutor();
    private JDA jda;
    private JdaDelivery delivery;

    public JdaAdapter(KontextBot bot, DiscordOptions options, Clock clock) {
        this.bot = bot;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public void start() {
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);
        if (options.messageContentIntent()) {
            intents.add(GatewayIntent.MESSAGE_CONTENT);
        }
        String gateway = options.endpoints().gatewayOrDiscord().toString();
        JdaWiring wiring = new JdaWiring(bot, options, clock);
        JDABuilder builder = JDABuilder.createLight(options.token(), intents)
                .setRestConfig(new RestConfig().setBaseUrl(options.endpoints().apiBase().toString()))
                // JDA does not derive the gateway from the REST base, and a single shard never asks /gateway/bot.
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .setEventPool(events, false)
                // The raw INTERACTION_CREATE carries attachment_size_limit, which JDA does not read.
                .setEventPassthrough(true)
                .setEnableShutdownHook(false)
                .addEventListeners(wiring.listener());
        if (options.shardCount() > 1) {
            builder.useSharding(options.shardId(), options.shardCount());
        }
        try {
            jda = builder.build();
            awaitReady();
        } catch (InvalidTokenException e) {
            close();
            throw new DiscordStartException("Discord refused the login (check DISCORD_TOKEN"
                    + (options.messageContentIntent() ? ", and enable the Message Content intent in the Developer "
                    + "Portal or set DISCORD_MESSAGE_CONTENT=false" : "") + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new DiscordStartException("Interrupted while logging in to Discord", e);
        }
        delivery = wiring.connect(jda);
        bot.register(delivery);
        bot.onFlagged(new JdaAdminNotices(jda, options.adminUsers())::tell);
        if (options.shardId() == 0) {
            registerCommands();
        }
        log.info("Discord (JDA): logged in as {} (shard {}/{}), commands {}, Message Content intent {}",
                jda.getSelfUser().getName(), options.shardId(), options.shardCount(),
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

    @Override
    public String inviteUrl() {
        return DiscordInvite.url(jda.getSelfUser().getApplicationIdLong());
    }

    @Override
    public void close() {
        if (jda != null) {
            jda.shutdown();
            try {
                if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
                    jda.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jda.shutdownNow();
            }
            jda = null;
        }
        events.shutdown();
    }

    /** JDA's own awaitReady has no timeout. */
    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (jda.getStatus() != JDA.Status.CONNECTED) {
            JDA.Status status = jda.getStatus();
            if (status == JDA.Status.FAILED_TO_LOGIN || status == JDA.Status.SHUTTING_DOWN
                    || status == JDA.Status.SHUTDOWN) {
                throw new InvalidTokenException();
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new DiscordStartException("Discord did not accept the gateway session within "
                        + READY_TIMEOUT.toSeconds() + " s (status " + status + "; check DISCORD_GATEWAY_URL)", null);
            }
            Thread.sleep(READY_POLL.toMillis());
        }
    }

    private void registerCommands() {
        try {
            JdaCommands.register(jda, DiscordCommands.standard(), options.guildId());
        } catch (RuntimeException e) {
            // The bot still answers messages; the operator sees why commands are missing.
            log.error("Registering the slash commands failed: {}", e.toString(), e);
        }
    }
}
