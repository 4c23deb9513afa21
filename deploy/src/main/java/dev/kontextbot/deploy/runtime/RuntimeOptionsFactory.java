package dev.kontextbot.deploy.runtime;

import dev.kontextbot.adapters.discord.DiscordEndpoints;
import dev.kontextbot.adapters.discord.DiscordLibrary;
import dev.kontextbot.adapters.discord.DiscordOptions;
import dev.kontextbot.adapters.telegram.TelegramOptions;
import dev.kontextbot.adapters.web.WebOptions;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.TokenBucket;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationKeyPolicy;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.region.KeepUntouched;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.deploy.app.StartupException;
import dev.kontextbot.deploy.app.Version;
import dev.kontextbot.core.edit.FamilySettings;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
import dev.kontextbot.deploy.safety.SafetyConfig;
import dev.kontextbot.inference.pipeline.EngineOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps the configuration to each module's options, for the role this process plays. */
public final class RuntimeOptionsFactory {

    private static final long MB = 1024L * 1024;

    /** What a process runs: the whole bot, only a worker, or the terminal chat with its own worker. */
    public enum Role { RUN, WORKER, CHAT }

    private RuntimeOptionsFactory() {
    }

    public static RuntimeOptions create(KontextConfig config, String redisUrl, ModelResolver.Resolution model,
                                        Role role) {
        boolean frontEnd = role != Role.WORKER;
        boolean worker = role != Role.RUN || bool(config, Setting.KONTEXT_LOCAL_WORKER);
        boolean adapters = role == Role.RUN;
        long maxUpload = config.integer(Setting.MAX_UPLOAD_MB) * MB;
        ModelFamily family = model.family();
        if (!family.takesGuidance() && config.optional(Setting.KONTEXT_GUIDANCE).isPresent()) {
            throw new StartupException("KONTEXT_GUIDANCE is set, but " + family.displayName() + " takes no guidance "
                    + "(it is distilled to sample without it): unset KONTEXT_GUIDANCE");
        }
        Optional<EngineOptions> engine = worker ? Optional.of(new EngineOptions(model.dir(), config.device(),
                config.gpu(), config.precision(), config.dataDir().resolve("cache"),
                EngineOptions.DEFAULT_TEXT_CACHE_BYTES, config.memory(), config.family())) : Optional.empty();
        Optional<BotCoreOptions> core = frontEnd ? Optional.of(new BotCoreOptions(
                ConversationKeyPolicy.parse(config.value(Setting.CONVERSATION_POLICY)), llm(config), maxUpload,
                model.standIn(), BotCoreOptions.modelName(model.standIn(), family),
                config.integer(Setting.TURN_QUEUE_MAX), config.integer(Setting.AGENT_MEMORY_KB) * 1024,
                config.integer(Setting.MAX_EDITS_PER_MESSAGE),
                KeepUntouched.parse(config.value(Setting.KONTEXT_KEEP_UNTOUCHED)), family))
                : Optional.empty();
        return new RuntimeOptions(redisUrl, config.redisCluster(),
                retention(config),
                new FamilySettings(family).defaults(config.steps(family), config.guidance(family)),
                limits(config), engine, core,
                adapters ? Optional.of(new WebOptions(config.value(Setting.WEB_BIND), config.playgroundToken(),
                        maxUpload, config.integer(Setting.PLAYGROUND_MAX_SESSIONS),
                        config.integer(Setting.PLAYGROUND_MAX_STREAMS), config.playgroundAdminToken()))
                        : Optional.empty(),
                adapters ? config.telegramBotToken().map(token -> telegram(config, token, maxUpload)) : Optional.empty(),
                adapters ? config.discordToken().map(token -> discord(config, token)) : Optional.empty(),
                InstanceName.of(role, config.dataDir()),
                SafetyConfig.from(config), llm(config), "KontextBot " + Version.current(),
                java.time.Duration.ofMinutes(config.integer(Setting.JOBS_DEADLINE_MINUTES)),
                worker ? config.optional(Setting.FACE_MODEL_DIR).map(java.nio.file.Path::of) : Optional.empty());
    }

    /** Idle expiry, versions kept, the per-user quota and the cap on all users together (0 = none). */
    static RetentionPolicy retention(KontextConfig config) {
        return new RetentionPolicy(config.conversationIdle(), config.conversationMaxVersions(),
                config.integer(Setting.CONVERSATION_QUOTA_MB) * MB, config.integer(Setting.CONVERSATION_TOTAL_MB) * MB);
    }

    static JobLimits limits(KontextConfig config) {
        JobLimits defaults = JobLimits.defaults();
        return new JobLimits(config.jobsMaxQueued(), config.jobsPerUser(),
                new TokenBucket(config.integer(Setting.JOBS_USER_BURST),
                        Duration.ofSeconds(config.integer(Setting.JOBS_USER_REFILL_SECONDS))),
                new TokenBucket(config.integer(Setting.JOBS_GROUP_BURST),
                        Duration.ofSeconds(config.integer(Setting.JOBS_GROUP_REFILL_SECONDS))),
                config.jobsMaxAttempts(), defaults.lease(), defaults.resultTtl());
    }

    static LlmOptions llm(KontextConfig config) {
        LlmOptions.Provider provider = LlmOptions.Provider.valueOf(config.llmProvider().name());
        return new LlmOptions(provider, Optional.of(config.llmBaseUrl()).filter(u -> !u.isBlank()),
                config.llmModel(), config.llmApiKey(), config.llmTimeout(), bool(config, Setting.LLM_VISION),
                Duration.ofSeconds(config.integer(Setting.LLM_TURN_TIMEOUT_SECONDS)),
                Duration.ofSeconds(config.integer(Setting.LLM_BREAKER_SECONDS)));
    }

    private static TelegramOptions telegram(KontextConfig config, String token, long maxUpload) {
        String bind = config.value(Setting.TELEGRAM_WEBHOOK_BIND);
        int colon = bind.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(bind.substring(0, colon),
                Integer.parseInt(bind.substring(colon + 1)));
        return new TelegramOptions(token, URI.create(config.telegramApiUrl()),
                config.telegramWebhookUrl().map(URI::create),
                config.telegramWebhookUrl().map(url -> address), ids(config, Setting.TELEGRAM_ALLOWED_CHATS),
                ids(config, Setting.TELEGRAM_ADMINS), Math.max(maxUpload, TelegramOptions.PUBLIC_DOWNLOAD_LIMIT));
    }

    private static DiscordOptions discord(KontextConfig config, String token) {
        return new DiscordOptions(token, config.optional(Setting.DISCORD_GUILD_ID).map(Long::parseLong),
                bool(config, Setting.DISCORD_MESSAGE_CONTENT), ids(config, Setting.DISCORD_ALLOWED_GUILDS),
                ids(config, Setting.DISCORD_ALLOWED_CHANNELS), ids(config, Setting.DISCORD_ADMIN_USERS),
                ids(config, Setting.DISCORD_ADMIN_ROLES), config.integer(Setting.DISCORD_SHARD_COUNT),
                config.integer(Setting.DISCORD_SHARD_ID), DiscordOptions.DEFAULT_ATTACHMENT_LIMIT,
                bool(config, Setting.DISCORD_PREVIEWS), DiscordLibrary.parse(config.value(Setting.DISCORD_LIBRARY)),
                new DiscordEndpoints(URI.create(config.value(Setting.DISCORD_API_URL).strip()),
                        config.optional(Setting.DISCORD_GATEWAY_URL).map(String::strip).map(URI::create)));
    }

    private static boolean bool(KontextConfig config, Setting setting) {
        return Boolean.parseBoolean(config.value(setting));
    }

    static Set<Long> ids(KontextConfig config, Setting setting) {
        return config.optional(setting).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Long::parseLong).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
