package dev.kontextbot.deploy.cli;

import ai.onnxruntime.OrtEnvironment;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.CheckReport;
import dev.kontextbot.inference.model.OrtSessions;
import dev.kontextbot.inference.model.PackageChecker;
import dev.kontextbot.inference.model.StandInPackageWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code kontextbot models stand-in DIR} and {@code kontextbot models check DIR}. Exit codes as {@code Main}:
 * 0 ok, 1 a package that fails its check or cannot be written, 2 usage.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model packages: write the stand-in package, or validate a package and print its interface.",
        subcommands = {ModelsCommand.StandIn.class, ModelsCommand.Check.class})
public final class ModelsCommand implements Runnable {

    /** Exit code of a package that failed its check, or could not be written. */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use 'models stand-in DIR' or 'models check DIR'");
    }

    @Command(name = "stand-in", mixinStandardHelpOptions = true,
            description = {"Write the stand-in model package into DIR: the layout and tensor names of FLUX.1 Kontext "
                    + "[dev] ONNX with small random weights.", "It runs the whole bot on a CPU; its pictures are NOT edits."})
    static final class StandIn implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write (created if needed).")
        Path dir;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the random weights (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                new StandInPackageWriter().write(dir, seed);
            } catch (InferenceException e) {
                spec.commandLine().getErr().println("models stand-in: " + e.getMessage());
                return FAILED;
            }
            out.println("Wrote a STAND-IN model package to " + dir + " (small random weights, not FLUX.1 Kontext: "
                    + "its pictures are not edits).");
            out.println("Check it with: kontextbot models check " + dir);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate the model package in DIR and print its interface.",
                    "Every file must be present and every model must load on the CPU with the expected tensor "
                            + "names, kinds and ranks; the first missing or wrong item is named and the exit code is 1."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The model package folder.")
        Path dir;

        private final CliContext context;

        Check(CliContext context) {
            this.context = context;
        }

        @Option(names = "--precision", paramLabel = "PRECISION",
                description = "Transformer precision folder (default: KONTEXT_PRECISION, else the first present "
                        + "of bf16, fp8, fp4_svd32, fp16, fp32).")
        String precision;

        @Override
        public Integer call() {
            CheckReport report = new PackageChecker(new OrtSessions(OrtEnvironment.getEnvironment()))
                    .check(dir, Optional.ofNullable(precision)
                            .or(() -> Optional.ofNullable(context.env().get("KONTEXT_PRECISION"))));
            PrintWriter out = spec.commandLine().getOut();
            report.lines().forEach(out::println);
            out.flush();
            if (report.passed()) {
                return 0;
            }
            spec.commandLine().getErr().println("models check: " + report.problem().orElseThrow());
            return FAILED;
        }
    }
}
