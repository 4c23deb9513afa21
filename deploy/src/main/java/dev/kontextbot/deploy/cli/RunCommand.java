package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.app.Application;
import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.deploy.app.RedisService;
import dev.kontextbot.deploy.app.Version;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
import dev.kontextbot.deploy.safety.SafetyConfig;
import dev.kontextbot.deploy.safety.SafetyNotice;
import dev.kontextbot.deploy.runtime.BotRuntime;
import dev.kontextbot.deploy.runtime.RuntimeOptionsFactory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kontextbot run}: resolves the model (writing the stand-in on a fresh machine), starts or connects
 * Redis, starts the components, reports where it listens, and runs until SIGTERM or Ctrl-C.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the bot: configured adapters, web playground and an in-process worker.")
public final class RunCommand implements Callable<Integer> {

    private final CliContext context;
    private final ModelResolver.StandInWriter standInWriter;

    @ParentCommand
    private ConfigSource parent;

    RunCommand(CliContext context) {
        this(context, StandInWriters.INFERENCE);
    }

    RunCommand(CliContext context, ModelResolver.StandInWriter standInWriter) {
        this.context = context;
        this.standInWriter = standInWriter;
    }

    @Override
    public Integer call() throws InterruptedException {
        KontextConfig config = parent.loadConfig();
        PrintWriter out = context.out();
        out.println("KontextBot " + Version.current());
        if (SafetyConfig.from(config).missingClassifier(config)) {
            context.err().println("WARNING: " + SafetyNotice.NO_CLASSIFIER);
            context.err().flush();
        }

        ModelResolver.Resolution model = new ModelResolver(config).resolve(standInWriter);
        RedisService redis = RedisService.from(config);
        BotRuntime bot = new BotRuntime(() -> RuntimeOptionsFactory.create(config, redis.url(), model,
                RuntimeOptionsFactory.Role.RUN), Clock.systemUTC());
        Application app = new Application(List.of(redis, bot));
        context.shutdown().onShutdown(() -> {
            out.println("Stopping (up to " + config.shutdownDrain().toSeconds() + " s for work in flight)...");
            app.stop(config.shutdownDrain());
            out.println("Stopped.");
            out.flush();
        });
        app.start();

        out.println("Model:    " + describe(model));
        out.println("Licence:  " + licence(model.family()));
        out.println("Redis:    " + redis.describe());
        bot.started().forEach(line -> out.println("Running:  " + line));
        out.println("Adapters: " + adapters(config));
        out.println("Ready. Stop with Ctrl-C.");
        out.flush();
        app.awaitStopped();
        return ExitCode.OK;
    }

    /** "FLUX.2 [klein] 4B, Apache-2.0: a public or commercial bot may run it". */
    static String licence(ModelFamily family) {
        return family.displayName() + ", " + family.licence().name() + ": " + family.licence().meaning();
    }

    private static String describe(ModelResolver.Resolution model) {
        String what = switch (model.origin()) {
            case CONFIGURED -> "KONTEXT_MODEL_DIR " + model.dir();
            case FOUND -> model.dir().toString();
            case WRITTEN -> model.dir() + " (written just now)";
        };
        return model.standIn() ? what + "; " + ModelResolver.STAND_IN_NOTE
                : what + " (" + model.family().displayName() + ")";
    }

    private static String adapters(KontextConfig config) {
        return "web playground (WEB_BIND " + config.value(Setting.WEB_BIND) + "), "
                + (config.telegramBotToken().isPresent() ? "telegram on" : "telegram off (no TELEGRAM_BOT_TOKEN)")
                + ", " + (config.discordToken().isPresent() ? "discord on" : "discord off (no DISCORD_TOKEN)");
    }
}
