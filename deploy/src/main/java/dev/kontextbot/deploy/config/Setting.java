package dev.kontextbot.deploy.config;

import static dev.kontextbot.deploy.config.Secrecy.PASSWORD_IN_URL;
import static dev.kontextbot.deploy.config.Secrecy.PUBLIC;
import static dev.kontextbot.deploy.config.Secrecy.SECRET;

import java.util.Optional;

/**
 * Every setting of KontextBot, in one place: the environment variable (the constant's name), its default
 * ({@code null}: unset), how secret it is, what it does, and its validator. Loading, validation, masking,
 * the README table and {@code doctor} all derive from this list, so adding a setting is one line here.
 */
public enum Setting {
    KONTEXT_MODEL_DIR(null, PUBLIC, "Folder of the model package (FLUX.2 [klein] 4B or FLUX.1 Kontext [dev] ONNX). Unset: a package under KONTEXT_DATA_DIR/models, else the stand-in model is written there.", Validators.path()),
    KONTEXT_DEVICE("cpu", PUBLIC, "Execution provider: cpu, cuda or tensorrt.", Validators.oneOf("cpu", "cuda", "tensorrt")),
    KONTEXT_GPU("0", PUBLIC, "Index of the GPU to run on (cuda, tensorrt).", Validators.integer(0, 63)),
    KONTEXT_PRECISION(null, PUBLIC, "Transformer precision folder in the package (bf16, fp8, fp4 or fp4_svd32, ...). Unset: the best one present that KONTEXT_DEVICE runs.", Validators.matching("[A-Za-z0-9_]+", "a folder name such as bf16 or fp8")),
    KONTEXT_STEPS(null, PUBLIC, "Sampling steps per edit. Unset: the model family's default (28 for FLUX.1 Kontext [dev], 4 for FLUX.2 [klein] 4B).", Validators.integer(1, 100)),
    KONTEXT_GUIDANCE(null, PUBLIC, "Guidance (distilled guidance scale) per edit. Unset: 2.5 for FLUX.1 Kontext [dev]; FLUX.2 [klein] 4B takes none, and refuses to start with it set.", Validators.decimal(0.0, 20.0)),
    KONTEXT_DATA_DIR("./data", PUBLIC, "Where the embedded Redis keeps its data and the stand-in model is written.", Validators.path()),
    REDIS_URL(null, PASSWORD_IN_URL, "redis:// or rediss:// URL (password and database allowed). Unset: an embedded Redis with its data in KONTEXT_DATA_DIR/redis.", Validators.redisUrl()),
    EMBEDDED_REDIS_PORT("6390", PUBLIC, "Loopback port of the embedded Redis (0: any free port).", Validators.integer(0, 65535)),
    DISCORD_TOKEN(null, SECRET, "Discord bot token. Set: the Discord adapter is on.", Validators.discordToken()),
    TELEGRAM_BOT_TOKEN(null, SECRET, "Telegram bot token from BotFather. Set: the Telegram adapter is on.", Validators.telegramToken()),
    TELEGRAM_API_URL("https://api.telegram.org", PUBLIC, "Telegram Bot API base URL (a local Bot API server lifts the file size limits).", Validators.url(false)),
    TELEGRAM_WEBHOOK_URL(null, PUBLIC, "Public https URL for Telegram webhooks. Unset: long polling.", Validators.url(true)),
    LLM_PROVIDER("none", PUBLIC, "Language model behind the agent: none (built-in rule-based mode), openai or ollama.", Validators.oneOf("none", "openai", "ollama")),
    LLM_BASE_URL(null, PUBLIC, "LLM endpoint. Unset: https://api.openai.com/v1 (openai) or http://localhost:11434 (ollama).", Validators.url(false)),
    LLM_MODEL(null, PUBLIC, "LLM model name, e.g. gpt-4o-mini or qwen2.5vl.", Validators.any()),
    LLM_API_KEY(null, SECRET, "API key of the LLM provider.", Validators.any()),
    LLM_TIMEOUT_SECONDS("60", PUBLIC, "Timeout of one LLM call, in seconds.", Validators.integer(1, 3600)),
    WEB_BIND("127.0.0.1:8080", PUBLIC, "host:port of the web playground, health and metrics.", Validators.hostPort()),
    PLAYGROUND_TOKEN(null, SECRET, "Token the web playground asks for (at least 16 characters). Unset: open to whoever reaches WEB_BIND (loopback only).", Validators.matching("(?s).{16,}", "at least 16 characters long (openssl rand -hex 16 makes one)")),
    LOG_FORMAT("text", PUBLIC, "Log format on stdout: text or json (one JSON object per line).", Validators.oneOf("text", "json")),
    LOG_LEVEL("info", PUBLIC, "Log level of KontextBot's own loggers: error, warn, info, debug or trace.", Validators.oneOf("error", "warn", "info", "debug", "trace")),
    JOBS_MAX_QUEUED("100", PUBLIC, "Most edit jobs waiting in the queue; more are refused with a plain message.", Validators.integer(1, 100_000)),
    JOBS_PER_USER("2", PUBLIC, "Most unfinished jobs per user.", Validators.integer(1, 100)),
    JOBS_MAX_ATTEMPTS("2", PUBLIC, "Attempts per job before it is reported as failed.", Validators.integer(1, 10)),
    SHUTDOWN_DRAIN_SECONDS("30", PUBLIC, "On shutdown, how long running work may take to finish.", Validators.integer(0, 3600)),
    CONVERSATION_IDLE_DAYS("30", PUBLIC, "Days after which an idle conversation's images are deleted.", Validators.integer(1, 3650)),
    CONVERSATION_MAX_VERSIONS("100", PUBLIC, "Most versions kept per conversation; the oldest go first.", Validators.integer(1, 10_000)),
    CONVERSATION_POLICY("per-user", PUBLIC, "Conversations in group chats: per-user (one per user per chat) or shared (one per chat). Private chats are always one conversation.", Validators.oneOf("per-user", "shared")),
    CONVERSATION_QUOTA_MB("1024", PUBLIC, "Storage each user may fill with pictures, in MB.", Validators.integer(1, 1_000_000)),
    MAX_UPLOAD_MB("20", PUBLIC, "Largest picture the bot downloads from a chat, in MB.", Validators.integer(1, 2_000)),
    KONTEXT_LOCAL_WORKER("true", PUBLIC, "Run an edit worker inside `kontextbot run`. Set false when GPU workers run apart (`kontextbot worker`).", Validators.oneOf("true", "false")),
    LLM_VISION("false", PUBLIC, "Show the current picture to the LLM (a vision model writes better instructions).", Validators.oneOf("true", "false")),
    TELEGRAM_WEBHOOK_BIND("0.0.0.0:8443", PUBLIC, "host:port the Telegram webhook receiver listens on (only with TELEGRAM_WEBHOOK_URL).", Validators.hostPort()),
    TELEGRAM_ALLOWED_CHATS(null, PUBLIC, "Comma-separated chat ids the bot answers in. Unset: every chat.", Validators.idList()),
    TELEGRAM_ADMINS(null, PUBLIC, "Comma-separated Telegram user ids with admin rights (cancel any job).", Validators.idList()),
    DISCORD_GUILD_ID(null, PUBLIC, "Register the slash commands in this guild only (immediate). Unset: globally (can take an hour to appear).", Validators.matching("\\d{1,20}", "a numeric guild id")),
    DISCORD_MESSAGE_CONTENT("false", PUBLIC, "Use the privileged Message Content intent: replies and mentions edit without slash commands.", Validators.oneOf("true", "false")),
    DISCORD_ALLOWED_GUILDS(null, PUBLIC, "Comma-separated guild ids the bot answers in. Unset: every guild.", Validators.idList()),
    DISCORD_ALLOWED_CHANNELS(null, PUBLIC, "Comma-separated channel ids the bot answers in. Unset: every channel.", Validators.idList()),
    DISCORD_ADMIN_USERS(null, PUBLIC, "Comma-separated Discord user ids with admin rights (cancel any job).", Validators.idList()),
    DISCORD_ADMIN_ROLES(null, PUBLIC, "Comma-separated Discord role ids with admin rights.", Validators.idList()),
    DISCORD_SHARD_COUNT("1", PUBLIC, "Total number of Discord gateway shards.", Validators.integer(1, 1024)),
    DISCORD_SHARD_ID("0", PUBLIC, "The shard this process runs (0 .. DISCORD_SHARD_COUNT-1).", Validators.integer(0, 1023)),
    DISCORD_PREVIEWS("true", PUBLIC, "Show small blurry previews while a Discord job runs.", Validators.oneOf("true", "false")),
    // Issue 17 (second half): limits of the playground and the agent.
    PLAYGROUND_MAX_SESSIONS("200", PUBLIC, "Most browser sessions the web playground counts at once (each is a user with its own quota); when all are taken, one whose cookie never came back makes room after 30 seconds, any other after 10 minutes idle.", Validators.integer(1, 1_000_000)),
    PLAYGROUND_MAX_STREAMS("100", PUBLIC, "Most open event streams (browser tabs) of the web playground together.", Validators.integer(1, 100_000)),
    LLM_TURN_TIMEOUT_SECONDS("120", PUBLIC, "Time for all LLM calls of one turn together; past it the built-in rules finish the turn.", Validators.integer(1, 3600)),
    LLM_BREAKER_SECONDS("60", PUBLIC, "After 3 LLM failures in a row (or a refused key), the built-in rules answer alone for this long before the LLM is tried again.", Validators.integer(0, 86_400)),
    TURN_QUEUE_MAX("5", PUBLIC, "Most messages of one conversation waiting behind the one being answered; more are refused with a plain message.", Validators.integer(1, 1000)),
    AGENT_MEMORY_KB("64", PUBLIC, "Agent chat memory kept per conversation, in KB of JSON (also at most 30 messages with an LLM, 10 with the rules).", Validators.integer(4, 10_240)),
    // ---- issue 15: content screening, review, provenance ----
    SAFETY_MODE("on", PUBLIC, "on: screen pictures and texts (FLUX.1 [dev]'s license asks for filters or review); off: screen nothing and warn no more.", Validators.oneOf("on", "off")),
    SAFETY_MODEL_DIR(null, PUBLIC, "Image classifier in the Hugging Face image-classification layout (model.onnx, config.json, preprocessor_config.json); see docs/safety.md.", Validators.path()),
    SAFETY_LABELS("nsfw", PUBLIC, "Comma-separated classifier labels that block a picture.", Validators.matching("[A-Za-z0-9_ .-]+(,[A-Za-z0-9_ .-]+)*", "comma-separated labels such as nsfw")),
    SAFETY_THRESHOLD("0.85", PUBLIC, "Score at or above which a blocking label flags a picture.", Validators.decimal(0.0, 1.0)),
    SAFETY_TERMS_DIR(null, PUBLIC, "Folder of term lists, one <language>.txt each (an empty folder gets the built-in lists to edit). Unset: the built-in lists.", Validators.path()),
    SAFETY_LLM_MODERATOR("false", PUBLIC, "Ask the configured LLM a strict yes/no question about each request, too.", Validators.oneOf("true", "false")),
    SAFETY_LLM_TIMEOUT_SECONDS("10", PUBLIC, "Time limit of one moderator question, in seconds.", Validators.integer(1, 300)),
    SAFETY_LLM_FAIL("closed", PUBLIC, "When the moderator cannot answer: closed (refuse the request) or open (let it through).", Validators.oneOf("closed", "open")),
    SAFETY_FLAGGED_RESULTS("hold", PUBLIC, "A flagged result is held for review (hold) or delivered blurred while the original is held (blur).", Validators.oneOf("hold", "blur")),
    SAFETY_DM_POLICY("strict", PUBLIC, "Policy in direct messages: strict or relaxed (pictures not screened).", Validators.oneOf("strict", "relaxed")),
    SAFETY_REVIEW_DAYS("30", PUBLIC, "Days flagged items stay on the review list.", Validators.integer(1, 3650)),

    // ---- issue 19: the rule-based agent tells an edit from talk ----
    MAX_EDITS_PER_MESSAGE("6", PUBLIC, "Most edits one compound request may run (\"add a hat, then ...\"); more are refused with a plain message.", Validators.integer(1, 20)),

    // ---- issue 18: Redis Cluster ----
    REDIS_CLUSTER("auto", PUBLIC, "Redis Cluster client: auto (ask the server named by REDIS_URL), on or off.", Validators.oneOf("auto", "on", "off")),

    // Issue 14: the real release on real GPUs.
    KONTEXT_MEMORY("auto", PUBLIC, "GPU memory use: resident (all models loaded), low (T5 opened on demand, VAE arenas shrunk after each run), or auto (the memory plan chooses; see `kontextbot models plan`).", Validators.oneOf("auto", "resident", "low")),

    // Issue 17 (hardening: Redis, jobs, processes)
    REDIS_PASSWORD_FILE(null, PUBLIC, "File holding the Redis password, put into REDIS_URL when that has none (compose mounts its generated secret here).", Validators.path()),
    JOBS_DEADLINE_MINUTES("30", PUBLIC, "Longest one job may run on a worker; past it the job is stopped and its user told.", Validators.integer(1, 1440)),

    // Issue 16: precise edits over long sessions.
    KONTEXT_KEEP_UNTOUCHED("auto", PUBLIC, "After a whole-picture edit, restore every pixel it did not change from the parent: auto (for instructions that name one object or place), on, off. A message can say 'keep the rest' (or 'only the sign: ...') or 'change the whole picture'.", Validators.oneOf("auto", "on", "off")),

    // Issue 17c: the remaining hardening findings.
    CONVERSATION_TOTAL_MB("0", PUBLIC, "Storage all users together may fill with pictures, in MB; 0 = no cap. Set it below the memory Redis may use.", Validators.integer(0, 100_000_000)),
    // Issue 16f: face drift with an operator-installed face model.
    FACE_MODEL_DIR(null, PUBLIC, "Folder holding the optional face models face_detection_yunet_2023mar.onnx and face_recognition_sface_2021dec.onnx (OpenCV Zoo, MIT and Apache 2.0); when set, each version's drift also says how far the faces moved. Unset: no face measure.", Validators.path()),
    // Issue 24: trust for a public bot (the web's admin credential).
    PLAYGROUND_ADMIN_TOKEN(null, SECRET, "Token of the review page and /api/review* (at least 16 characters, not PLAYGROUND_TOKEN); only it opens them, with or without PLAYGROUND_TOKEN. Unset: the review API is off on the web (Telegram and Discord admins still review).", Validators.matching("(?s).{16,}", "at least 16 characters long (openssl rand -hex 16 makes one)")),
    // Issue 26: a second model family.
    KONTEXT_FAMILY("auto", PUBLIC, "Model family of the package: auto (told by its files), kontext (FLUX.1 Kontext [dev]) or klein (FLUX.2 [klein] 4B). With no package installed, the stand-in of this family is written (auto: Kontext's).", Validators.oneOf("auto", "kontext", "klein")),
    // Issue 23: Discord on JDA beside Javacord, and the endpoints it talks to.
    DISCORD_LIBRARY("javacord", PUBLIC, "The Discord library: javacord (the default) or jda (maintained; components v2, user-installed apps; see docs/discord.md).", Validators.oneOf("javacord", "jda")),
    DISCORD_API_URL("https://discord.com/api/v10", PASSWORD_IN_URL, "Discord REST base URL, for every call the JDA adapter makes (a Discord-compatible proxy, or a test's fake). Javacord uses it only for its own uncached-channel answers.", Validators.url(false)),
    DISCORD_GATEWAY_URL(null, PASSWORD_IN_URL, "Discord gateway WebSocket URL for the JDA adapter (ws:// or wss://). Unset: Discord's own gateway.", Validators.matching("wss?://\\S+", "a ws:// or wss:// URL")),

    // Issue 24: the per-user and per-group edit rate limits (token buckets), no longer fixed in the code.
    JOBS_USER_BURST("5", PUBLIC, "Edits one user may send in a row before the rate limit applies (the bucket's size).", Validators.integer(1, 10_000)),
    JOBS_USER_REFILL_SECONDS("20", PUBLIC, "Seconds until one user may send one more edit after a burst (one token back per this many seconds).", Validators.integer(1, 86_400)),
    JOBS_GROUP_BURST("20", PUBLIC, "Edits one group chat (or Discord server) may send in a row before its rate limit applies.", Validators.integer(1, 100_000)),
    JOBS_GROUP_REFILL_SECONDS("5", PUBLIC, "Seconds until one group may send one more edit after a burst.", Validators.integer(1, 86_400));

    private final String defaultValue;
    private final Secrecy secrecy;
    private final String description;
    private final Validator validator;

    Setting(String defaultValue, Secrecy secrecy, String description, Validator validator) {
        this.defaultValue = defaultValue;
        this.secrecy = secrecy;
        this.description = description;
        this.validator = validator;
    }

    /** The environment variable (and config file key). */
    public String envName() {
        return name();
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public Secrecy secrecy() {
        return secrecy;
    }

    public String description() {
        return description;
    }

    /** A plain-words problem with {@code value} ("KONTEXT_STEPS must be ..."), or empty. */
    public Optional<String> problem(String value) {
        return validator.problem(value).map(p -> envName() + " " + p);
    }

    /** The value as logs and {@code doctor} may show it. */
    public String display(String value) {
        return switch (secrecy) {
            case PUBLIC -> value;
            case SECRET -> SecretMasker.MASK;
            case PASSWORD_IN_URL -> SecretMasker.maskUrlPasswords(value);
        };
    }
}
