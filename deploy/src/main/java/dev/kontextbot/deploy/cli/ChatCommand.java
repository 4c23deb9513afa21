package dev.kontextbot.deploy.cli;

import dev.kontextbot.adapters.console.ConsoleAdapter;
import dev.kontextbot.adapters.console.ConsoleOptions;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.deploy.app.Application;
import dev.kontextbot.deploy.app.EmbeddedRedis;
import dev.kontextbot.deploy.app.ExternalRedis;
import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.deploy.app.RedisProbe;
import dev.kontextbot.deploy.app.RedisService;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.logging.LogSetup;
import dev.kontextbot.deploy.runtime.BotRuntime;
import dev.kontextbot.deploy.runtime.RuntimeOptionsFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kontextbot chat}: talk to the bot in the terminal, with its own worker, on the same Redis and model as
 * {@code run}. With {@code --json} every reply is one JSON object on stdout. The log goes to a file under the data
 * folder, and only errors to stderr, so the terminal shows the conversation and nothing else.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Talk to the bot in this terminal (or run a script of messages with --script).",
            "Type /quit, quit or exit (or press Ctrl-D) to leave.",
            "The log goes to KONTEXT_DATA_DIR/" + ChatCommand.LOG_FILE + " (./data/" + ChatCommand.LOG_FILE
                    + " by default); only errors show in the terminal."})
public final class ChatCommand implements Callable<Integer> {

    /** The chat's log file, relative to KONTEXT_DATA_DIR. */
    static final String LOG_FILE = "logs/chat.log";

    private final CliContext context;

    @ParentCommand
    private ConfigSource parent;

    @Option(names = "--script", paramLabel = "FILE",
            description = "One message per line: plain text, or {\"text\": ..., \"images\": [paths], \"reply_to\": id}.")
    private File script;

    @Option(names = "--json", description = "Print one JSON object per reply on stdout.")
    private boolean json;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "chat-out",
            description = "Where pictures are written (default: ${DEFAULT-VALUE}).")
    private File out;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long a script waits for one job (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    ChatCommand(CliContext context) {
        this.context = context;
    }

    /** REDIS_URL; else the embedded Redis of a running {@code kontextbot run}; else one of its own. */
    private static RedisService redisFor(KontextConfig config) {
        Path redisDir = config.dataDir().resolve("redis");
        if (config.redisUrl().isEmpty() && config.embeddedRedisPort() != 0
                && EmbeddedRedis.orphanedServer(redisDir).isEmpty()) {
            // A live run owns the server (a server whose owner died is stale: EmbeddedRedis replaces it).
            String url = EmbeddedRedis.urlOf(redisDir, config.embeddedRedisPort());
            String shown = "redis://127.0.0.1:" + config.embeddedRedisPort();
            try {
                RedisProbe.probe(url);
                return new ExternalRedis(url, "the embedded Redis of the running kontextbot run (" + shown + ")");
            } catch (RuntimeException e) {
                // Nothing listens there: start our own below.
            }
        }
        return RedisService.from(config);
    }

    @Override
    public Integer call() throws IOException {
        if (script != null && !Files.isReadable(script.toPath())) {
            context.err().println("Cannot read the script " + script + ".");
            return ExitCode.CONFIG_ERROR;
        }
        KontextConfig config = parent.loadConfig();
        Path log = config.dataDir().resolve(LOG_FILE);
        try {
            LogSetup.useFileAndErrorsOnStandardError(config, log);
        } catch (IOException e) {
            context.err().println("Cannot write the chat's log to " + log + " (" + e.getMessage()
                    + "); set KONTEXT_DATA_DIR to a folder this user can write.");
            return ExitCode.CONFIG_ERROR;
        }
        ModelResolver.Resolution model = new ModelResolver(config).resolve(StandInWriters.INFERENCE);
        RedisService redis = redisFor(config);
        BotRuntime runtime = new BotRuntime(() -> RuntimeOptionsFactory.create(config, redis.url(), model,
                RuntimeOptionsFactory.Role.CHAT), Clock.systemUTC());
        Application app = new Application(List.of(redis, runtime));
        // SIGHUP (terminal closed), SIGTERM and Ctrl-C all run the JVM's shutdown hooks: stop Redis there too.
        context.shutdown().onShutdown(() -> app.stop(config.shutdownDrain()));
        app.start();
        try {
            KontextBot bot = runtime.bot().orElseThrow();
            ConsoleAdapter console = new ConsoleAdapter(bot, new ConsoleOptions(
                    Optional.ofNullable(script).map(File::toPath), json, Path.of(out.getPath()),
                    Duration.ofSeconds(timeoutSeconds)), context.out(), context.err(),
                    System.getProperty("user.name", "you"));
            return console.run(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        } finally {
            app.stop(config.shutdownDrain());
        }
    }
}
