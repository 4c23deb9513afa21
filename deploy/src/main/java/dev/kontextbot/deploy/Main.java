package dev.kontextbot.deploy;

import dev.kontextbot.deploy.app.StartupException;
import dev.kontextbot.deploy.app.Version;
import dev.kontextbot.deploy.cli.CliContext;
import dev.kontextbot.deploy.cli.CommandFactory;
import dev.kontextbot.deploy.cli.ConfigSource;
import dev.kontextbot.deploy.cli.DoctorCommand;
import dev.kontextbot.deploy.cli.ExitCode;
import dev.kontextbot.deploy.cli.RunCommand;
import dev.kontextbot.deploy.config.ConfigException;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.SecretMasker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code kontextbot}: the command line. Exit codes: {@link ExitCode}. No stack
 * trace reaches the user: failures print one plain line, the details go to the log at DEBUG.
 * Add a command by listing its class in {@code subcommands}; give it a {@code (CliContext)} constructor
 * to get the environment, the output and the configuration.
 */
@Command(name = "kontextbot",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Self-hosted chat bot for conversational image editing with FLUX.1 Kontext [dev].",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
                RunCommand.class,
                dev.kontextbot.deploy.cli.WorkerCommand.class,
                dev.kontextbot.deploy.cli.ChatCommand.class,
                dev.kontextbot.deploy.cli.DiscordCommand.class,
                DoctorCommand.class,
                dev.kontextbot.deploy.cli.ModelsCommand.class,
                dev.kontextbot.deploy.cli.EditCommand.class,
                dev.kontextbot.deploy.cli.BenchCommand.class,
        })
public final class Main implements Callable<Integer>, ConfigSource {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "KEY=value file of settings; environment variables win over it.")
    private Path configFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final CliContext context;

    public Main(CliContext context) {
        this.context = context;
    }

    /**
     * Stack of the thread that runs a command. Loading ONNX Runtime and opening its sessions on the launcher's main
     * thread (1 MB) killed the JVM with a bare SIGSEGV (no hs_err: the overflow left no room for the crash handler)
     * depending on the class path: measured on this machine, 2 MB crashes, 4 MB works; 16 MB leaves a margin and
     * costs only address space (a stack is committed as it is used).
     */
    static final long COMMAND_STACK_BYTES = 16L << 20;

    public static void main(String[] args) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger code = new java.util.concurrent.atomic.AtomicInteger(1);
        Thread command = Thread.ofPlatform().name("kontextbot").stackSize(COMMAND_STACK_BYTES)
                .unstarted(() -> code.set(execute(CliContext.system(), args)));
        command.start();
        command.join();
        System.exit(code.get());
    }

    /** Runs the command line in this process and answers its exit code. */
    public static int execute(CliContext context, String... args) {
        Main main = new Main(context);
        CommandLine cli = new CommandLine(main, new CommandFactory(context))
                .setOut(context.out())
                .setErr(context.err())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> report(e, context.err(), main.masker));
        try {
            return cli.execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }

    /** The configuration, from the environment and {@code --config}; see {@link CliContext#loadConfig}. */
    @Override
    public KontextConfig loadConfig() {
        KontextConfig config = context.loadConfig(Optional.ofNullable(configFile));
        masker = SecretMasker.of(config);
        return config;
    }

    /** Masks what {@link #report} prints: the loaded configuration's secrets, or token shapes before it loaded. */
    private volatile SecretMasker masker = SecretMasker.patternsOnly();

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCode.CONFIG_ERROR;
    }

    private static int report(Exception e, PrintWriter err, SecretMasker masker) {
        if (e instanceof ConfigException config) {
            err.println("kontextbot: the configuration has " + config.problems().size()
                    + (config.problems().size() == 1 ? " problem:" : " problems:"));
            config.problems().forEach(problem -> err.println("  - " + problem));
            err.println("See the configuration table in README.md.");
            return ExitCode.CONFIG_ERROR;
        }
        log.debug("Command failed", e);
        if (e instanceof StartupException) {
            err.println("kontextbot: " + masker.mask(e.getMessage()));
        } else {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("kontextbot: " + masker.mask(message) + " (LOG_LEVEL=debug shows the details)");
        }
        return ExitCode.FAILURE;
    }

    /** {@code --version}: this build's version and the Java it runs on. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kontextbot " + Version.current(), "Java " + Runtime.version()};
        }
    }
}
