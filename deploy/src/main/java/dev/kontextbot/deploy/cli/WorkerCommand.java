package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.app.Application;
import dev.kontextbot.deploy.app.ExternalRedis;
import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.deploy.app.RedisService;
import dev.kontextbot.deploy.app.Version;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
import dev.kontextbot.deploy.runtime.BotRuntime;
import dev.kontextbot.deploy.runtime.RuntimeOptionsFactory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kontextbot worker}: a GPU worker only. It joins the job queue in Redis (REDIS_URL, or the embedded Redis of
 * a {@code kontextbot run} on this machine), runs jobs on its device, and drains on SIGTERM.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run an edit worker only: take jobs from the queue in Redis and run them on this GPU.")
public final class WorkerCommand implements Callable<Integer> {

    private final CliContext context;

    @ParentCommand
    private ConfigSource parent;

    WorkerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        KontextConfig config = parent.loadConfig();
        PrintWriter out = context.out();
        out.println("KontextBot " + Version.current() + " worker");
        ModelResolver.Resolution model = new ModelResolver(config).resolve(StandInWriters.INFERENCE);
        // A worker never starts its own Redis: without REDIS_URL it joins the embedded one of `kontextbot run`.
        RedisService redis = config.redisUrl().isPresent() ? RedisService.from(config)
                : new ExternalRedis("redis://127.0.0.1:" + config.embeddedRedisPort(),
                "the embedded Redis of kontextbot run (127.0.0.1:" + config.value(Setting.EMBEDDED_REDIS_PORT) + ")");
        BotRuntime worker = new BotRuntime(() -> RuntimeOptionsFactory.create(config, redis.url(), model,
                RuntimeOptionsFactory.Role.WORKER), Clock.systemUTC());
        Application app = new Application(List.of(redis, worker));
        context.shutdown().onShutdown(() -> {
            out.println("Stopping: finishing the running job (up to " + config.shutdownDrain().toSeconds()
                    + " s), else it returns to the queue...");
            app.stop(config.shutdownDrain());
            out.println("Stopped.");
            out.flush();
        });
        app.start();
        out.println("Model:   " + model.dir() + (model.standIn() ? "; " + ModelResolver.STAND_IN_NOTE : ""));
        out.println("Redis:   " + redis.describe());
        worker.started().forEach(line -> out.println("Running: " + line));
        out.println("Ready. Stop with Ctrl-C.");
        out.flush();
        app.awaitStopped();
        return ExitCode.OK;
    }
}
