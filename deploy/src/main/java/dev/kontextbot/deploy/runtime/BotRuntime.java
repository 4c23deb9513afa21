package dev.kontextbot.deploy.runtime;

import dev.kontextbot.adapters.discord.DiscordAdapter;
import dev.kontextbot.adapters.discord.DiscordBot;
import dev.kontextbot.adapters.discord.DiscordLibrary;
import dev.kontextbot.adapters.discord.jda.JdaAdapter;
import dev.kontextbot.adapters.telegram.TelegramAdapter;
import dev.kontextbot.adapters.web.WebPlayground;
import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.wiring.CoreInputs;
import dev.kontextbot.core.wiring.CoreWiring;
import dev.kontextbot.core.wiring.ImageParts;
import dev.kontextbot.core.wiring.WorkerWiring;
import dev.kontextbot.deploy.app.Component;
import dev.kontextbot.deploy.app.StartupException;
import dev.kontextbot.deploy.safety.SafetyWiring;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.pipeline.KontextEngine;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The running bot, after Redis is up: the shared state clients, the in-process worker (engine + job worker) when
 * this process runs one, the bot core when it serves chats, and the adapters. Started in that order and stopped in
 * reverse: adapters stop taking messages, the worker drains, native sessions close, connections close.
 */
public final class BotRuntime implements Component {

    private static final Logger log = LoggerFactory.getLogger(BotRuntime.class);

    private final Supplier<RuntimeOptions> optionsAtStart;
    private final Clock clock;
    private RuntimeOptions options;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<String> started = new ArrayList<>();
    private UnifiedJedis jedis;
    private KontextEngine engine;
    private JobWorker worker;
    private CoreWiring core;
    private WebPlayground web;
    private TelegramAdapter telegram;
    private DiscordBot discord;
    private SafetyWiring safety;
    private FaceMeter faces;

    /** {@code optionsAtStart} is read when the runtime starts: Redis's address is known only then. */
    public BotRuntime(Supplier<RuntimeOptions> optionsAtStart, Clock clock) {
        this.optionsAtStart = optionsAtStart;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bot";
    }

    @Override
    public synchronized void start() {
        options = optionsAtStart.get();
        jedis = RedisConnector.open(options.redisUrl(), options.redisCluster());
        StateServices state = StateServices.open(jedis, clock, options.retention(), options.defaults(),
                options.limits());
        ImageParts images = ImageParts.standard();
        safety = SafetyWiring.open(options.safety(), options.llm(), jedis, clock, registry, options.retention(),
                images.png());
        if (options.worker().isPresent()) {
            try {
                engine = KontextEngine.open(options.worker().get());
                engine.warmUp();
            } catch (InferenceException e) {
                throw new StartupException("The model could not be loaded: " + e.getMessage());
            }
            if (options.faceModelDir().isPresent()) {
                try {
                    faces = FaceMeter.open(options.faceModelDir().get());
                } catch (InferenceException e) {
                    throw new StartupException("The face models (FACE_MODEL_DIR) could not be loaded: "
                            + e.getMessage());
                }
            }
            worker = new WorkerWiring(engine, state, images, registry, safety.screening(), options.software(),
                    Optional.ofNullable(faces)).worker(options.instanceName() + "-worker",
                    JobWorker.Options.defaults().withJobDeadline(options.jobDeadline()));
            worker.start();
            started.add("worker (" + engine.model().device() + ", " + engine.model().dir() + ")");
            if (faces != null) {
                started.add("face drift measured with " + faces.description());
            }
        }
        if (options.frontEnd().isPresent()) {
            core = CoreWiring.build(new CoreInputs(options.frontEnd().get(), state, safety.screening(), images,
                    registry, clock, options.instanceName()));
            KontextBot bot = core.bot();
            options.web().ifPresent(o -> {
                web = new WebPlayground(o, bot, core.views(), core.health(), registry, Optional.of(core.review()));
                try {
                    web.start();
                } catch (RuntimeException e) {
                    throw new StartupException("The web playground could not start: " + e.getMessage());
                }
                started.add("web playground on " + web.uri());
            });
            options.telegram().ifPresent(o -> {
                telegram = new TelegramAdapter(o, bot);
                try {
                    telegram.start();
                } catch (Exception e) {
                    throw new StartupException("Telegram could not start: " + e.getMessage());
                }
                started.add("telegram");
            });
            options.discord().ifPresent(o -> {
                // Issue 23: DISCORD_LIBRARY picks the library; both map to the same bot.
                discord = o.library() == DiscordLibrary.JDA ? new JdaAdapter(bot, o, clock)
                        : new DiscordAdapter(bot, o, clock);
                try {
                    discord.start();
                } catch (RuntimeException e) {
                    throw new StartupException("Discord could not start: " + e.getMessage());
                }
                started.add(o.library() == DiscordLibrary.JDA ? "discord (JDA)" : "discord");
            });
        }
    }

    /** What runs in this process, for the start-up lines. */
    public synchronized List<String> started() {
        return List.copyOf(started);
    }

    /** The bot, for adapters run by a command (the terminal). */
    public synchronized Optional<KontextBot> bot() {
        return Optional.ofNullable(core).map(CoreWiring::bot);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops in reverse order of start; safe after a partial start (whatever is null never started). */
    @Override
    public synchronized void stop(Duration drain) {
        DiscordBot d = discord;
        TelegramAdapter t = telegram;
        WebPlayground w = web;
        JobWorker jw = worker;
        CoreWiring c = core;
        KontextEngine e = engine;
        FaceMeter f = faces;
        UnifiedJedis j = jedis;
        discord = null;
        telegram = null;
        web = null;
        worker = null;
        core = null;
        engine = null;
        faces = null;
        jedis = null;
        started.clear();
        quietly("discord", () -> {
            if (d != null) {
                d.close();
            }
        });
        quietly("telegram", () -> {
            if (t != null) {
                t.close();
            }
        });
        quietly("web", () -> {
            if (w != null) {
                w.stop();
            }
        });
        quietly("worker", () -> {
            if (jw != null) {
                jw.stop(drain);
            }
        });
        quietly("bot", () -> {
            if (c != null) {
                c.close();
            }
        });
        quietly("engine", () -> {
            if (e != null) {
                e.close();
            }
        });
        quietly("face models", () -> {
            if (f != null) {
                f.close();
            }
        });
        quietly("safety classifier", () -> {
            if (safety != null) {
                safety.close();
            }
        });
        quietly("redis client", () -> {
            if (j != null) {
                j.close();
            }
        });
    }

    private static void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("Stopping the {} failed: {}", what, e.toString());
        }
    }
}
