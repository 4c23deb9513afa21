package dev.kontextbot.deploy.config;

import dev.kontextbot.inference.model.ExecutionProviders;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import dev.kontextbot.inference.model.MemoryMode;
import dev.kontextbot.inference.pipeline.ModelFamily;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration: the settings given explicitly (environment or file), with the defaults of
 * {@link Setting} behind them. Build it with {@link ConfigLoader}; typed accessors for the settings code
 * reads, generic ones ({@link #value}, {@link #optional}, {@link #integer}) for any setting.
 */
public record KontextConfig(Map<Setting, String> explicit) {

    public KontextConfig {
        explicit = explicit.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(explicit));
    }

    /** All defaults: what a machine with no configuration runs with. */
    public static KontextConfig defaults() {
        return new KontextConfig(Map.of());
    }

    public boolean isSet(Setting setting) {
        return explicit.containsKey(setting);
    }

    /** The explicit value, else the default; empty when neither exists. */
    public Optional<String> optional(Setting setting) {
        String value = explicit.get(setting);
        return value != null ? Optional.of(value) : setting.defaultValue();
    }

    /** For settings with a default. */
    public String value(Setting setting) {
        return optional(setting).orElseThrow(() -> new IllegalStateException(setting + " has no default"));
    }

    public int integer(Setting setting) {
        return Integer.parseInt(value(setting).trim());
    }

    public Optional<Path> modelDir() {
        return optional(Setting.KONTEXT_MODEL_DIR).map(Path::of);
    }

    public ExecutionProviders.Device device() {
        return ExecutionProviders.Device.valueOf(value(Setting.KONTEXT_DEVICE).toUpperCase(Locale.ROOT));
    }

    public int gpu() {
        return integer(Setting.KONTEXT_GPU);
    }

    public MemoryMode memory() {
        return MemoryMode.valueOf(value(Setting.KONTEXT_MEMORY).toUpperCase(Locale.ROOT));
    }

    public Optional<String> precision() {
        return optional(Setting.KONTEXT_PRECISION);
    }

    /** KONTEXT_STEPS, else the family's default. */
    public int steps(ModelFamily family) {
        return optional(Setting.KONTEXT_STEPS).map(v -> Integer.parseInt(v.trim())).orElse(family.defaultSteps());
    }

    /** KONTEXT_GUIDANCE, else the family's default (0 for a family that takes none). */
    public double guidance(ModelFamily family) {
        return optional(Setting.KONTEXT_GUIDANCE).map(v -> Double.parseDouble(v.trim()))
                .orElse(family.defaultGuidance().orElse(0.0));
    }

    /** KONTEXT_FAMILY: the family asked for, or empty for auto. */
    public Optional<ModelFamily> family() {
        return ModelFamily.byId(value(Setting.KONTEXT_FAMILY));
    }

    public Path dataDir() {
        return Path.of(value(Setting.KONTEXT_DATA_DIR));
    }

    /** REDIS_URL, with the password of REDIS_PASSWORD_FILE put in when the URL has none. */
    public Optional<String> redisUrl() {
        return optional(Setting.REDIS_URL).map(url -> redisPassword()
                .filter(password -> !url.matches("^rediss?://[^/@]*:[^/@]+@.*"))
                .map(password -> url.replaceFirst("^(rediss?://)(?:[^/@]*@)?", "$1:"
                        + java.util.regex.Matcher.quoteReplacement(
                                java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)) + "@"))
                .orElse(url));
    }

    /** The content of REDIS_PASSWORD_FILE (a Docker secret, say), trimmed; empty when unset or unreadable. */
    public Optional<String> redisPassword() {
        return optional(Setting.REDIS_PASSWORD_FILE).flatMap(file -> {
            try {
                return Optional.of(java.nio.file.Files.readString(java.nio.file.Path.of(file)).trim())
                        .filter(p -> !p.isEmpty());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("REDIS_PASSWORD_FILE " + file + " cannot be read: " + e.getMessage());
            }
        });
    }

    public dev.kontextbot.conversation.redis.ClusterMode redisCluster() {
        return dev.kontextbot.conversation.redis.ClusterMode.parse(value(Setting.REDIS_CLUSTER));
    }

    public int embeddedRedisPort() {
        return integer(Setting.EMBEDDED_REDIS_PORT);
    }

    public Optional<String> discordToken() {
        return optional(Setting.DISCORD_TOKEN);
    }

    public Optional<String> telegramBotToken() {
        return optional(Setting.TELEGRAM_BOT_TOKEN);
    }

    public String telegramApiUrl() {
        return value(Setting.TELEGRAM_API_URL);
    }

    public Optional<String> telegramWebhookUrl() {
        return optional(Setting.TELEGRAM_WEBHOOK_URL);
    }

    public LlmProvider llmProvider() {
        return LlmProvider.valueOf(value(Setting.LLM_PROVIDER).toUpperCase(Locale.ROOT));
    }

    /** LLM_BASE_URL, else the provider's usual endpoint (empty for {@code none}). */
    public String llmBaseUrl() {
        return optional(Setting.LLM_BASE_URL).orElse(llmProvider().defaultBaseUrl());
    }

    public Optional<String> llmModel() {
        return optional(Setting.LLM_MODEL);
    }

    public Optional<String> llmApiKey() {
        return optional(Setting.LLM_API_KEY);
    }

    public Duration llmTimeout() {
        return Duration.ofSeconds(integer(Setting.LLM_TIMEOUT_SECONDS));
    }

    /** WEB_BIND as an unresolved address. */
    public InetSocketAddress webBind() {
        String bind = value(Setting.WEB_BIND);
        int colon = bind.lastIndexOf(':');
        return InetSocketAddress.createUnresolved(bind.substring(0, colon), Integer.parseInt(bind.substring(colon + 1)));
    }

    public Optional<String> playgroundToken() {
        return optional(Setting.PLAYGROUND_TOKEN);
    }

    public Optional<String> playgroundAdminToken() {
        return optional(Setting.PLAYGROUND_ADMIN_TOKEN);
    }

    public LogFormat logFormat() {
        return LogFormat.valueOf(value(Setting.LOG_FORMAT).toUpperCase(Locale.ROOT));
    }

    public String logLevel() {
        return value(Setting.LOG_LEVEL).toLowerCase(Locale.ROOT);
    }

    public int jobsMaxQueued() {
        return integer(Setting.JOBS_MAX_QUEUED);
    }

    public int jobsPerUser() {
        return integer(Setting.JOBS_PER_USER);
    }

    public int jobsMaxAttempts() {
        return integer(Setting.JOBS_MAX_ATTEMPTS);
    }

    public Duration shutdownDrain() {
        return Duration.ofSeconds(integer(Setting.SHUTDOWN_DRAIN_SECONDS));
    }

    public Duration conversationIdle() {
        return Duration.ofDays(integer(Setting.CONVERSATION_IDLE_DAYS));
    }

    public int conversationMaxVersions() {
        return integer(Setting.CONVERSATION_MAX_VERSIONS);
    }

    /** The value of {@code setting} as logs and {@code doctor} may show it. */
    public Optional<String> display(Setting setting) {
        return optional(setting).map(setting::display);
    }
}
