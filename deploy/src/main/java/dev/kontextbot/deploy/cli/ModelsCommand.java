package dev.kontextbot.deploy.cli;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.CheckReport;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.inference.model.GpuProbe;
import dev.kontextbot.inference.model.MemoryMode;
import dev.kontextbot.inference.model.PackagePlanner;
import dev.kontextbot.inference.model.PackageProfile;
import dev.kontextbot.inference.model.PackageChecker;
import dev.kontextbot.inference.model.ReleaseShapedPackageWriter;
import dev.kontextbot.inference.model.KleinMemoryPlan;
import dev.kontextbot.inference.model.KleinPackageChecker;
import dev.kontextbot.inference.model.KleinReleaseShapedWriter;
import dev.kontextbot.inference.model.StandInKleinWriter;
import dev.kontextbot.inference.model.StandInPackageWriter;
import dev.kontextbot.inference.pipeline.ModelFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code kontextbot models stand-in DIR} and {@code kontextbot models check DIR}. Exit codes as {@link ExitCode}:
 * 0 ok, 1 a package that fails its check or cannot be written, 2 usage.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model packages: write the stand-in package, or validate a package and print its interface.",
        subcommands = {ModelsCommand.StandIn.class, ModelsCommand.Check.class, ModelsCommand.Plan.class})
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

        @Option(names = "--family", paramLabel = "FAMILY", defaultValue = "kontext",
                description = "kontext (FLUX.1 Kontext [dev]'s layout) or klein (FLUX.2 [klein] 4B's published "
                        + "export) (default: ${DEFAULT-VALUE}).")
        String family;

        @Option(names = "--release-shaped", description = {"Write the release-shaped stand-in instead: the types and "
                + "sizes of the published release (bf16, fp4 with TensorRT operators, a sampling VAE encoder) with "
                + "its 35 GB of weights as holes in sparse files.", "For 'models check' and 'models plan' only; it "
                + "cannot edit."})
        boolean releaseShaped;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                if (releaseShaped && ModelFamily.byId(family).orElse(null) == ModelFamily.KLEIN) {
                    new KleinReleaseShapedWriter().write(dir, seed);
                    out.println("Wrote a RELEASE-SHAPED klein stand-in to " + dir + " (the published export's "
                            + "interface and quantisation, weights as holes: for checks and plans only).");
                    return 0;
                }
                if (releaseShaped) {
                    new ReleaseShapedPackageWriter().write(dir, seed);
                    out.println("Wrote a RELEASE-SHAPED stand-in to " + dir + " (release types and sizes, no real "
                            + "weights: for checks and plans only).");
                    out.println("Check it with: kontextbot models check " + dir);
                    return 0;
                }
                Optional<ModelFamily> chosen = ModelFamily.byId(family);
                if (chosen.isEmpty()) {
                    spec.commandLine().getErr().println("models stand-in: --family must be kontext or klein (got '"
                            + family + "').");
                    return 2;
                }
                if (chosen.get() == ModelFamily.KLEIN) {
                    new StandInKleinWriter().write(dir, seed);
                    out.println("Wrote a STAND-IN FLUX.2 [klein] package to " + dir + " (the published export's "
                            + "interface, small random weights: its pictures are not edits).");
                    out.println("Check it with: kontextbot models check " + dir);
                    return 0;
                }
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
                    "Reads each graph's protobuf (never runs it, so any package is checked on any machine): tensor "
                            + "names, types and ranks, IR version and opset, custom operators, low-bit types, sampling "
                            + "nodes, external data and weight sizes. Every problem is one line and the exit code is 1; "
                            + "what KONTEXT_DEVICE cannot run is listed as REFUSED."})
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
                        + "of bf16, fp8, fp4, fp4_svd32, fp16, fp32).")
        String precision;

        @Override
        public Integer call() {
            Device device;
            try {
                device = Device.parse(Optional.ofNullable(context.env().get("KONTEXT_DEVICE")).orElse("cpu"));
            } catch (InferenceException e) {
                spec.commandLine().getErr().println("models check: " + e.getMessage());
                return FAILED;
            }
            if (KleinPackageChecker.looksLikeKlein(dir)) {
                KleinPackageChecker.Report klein = new KleinPackageChecker().check(dir);
                PrintWriter out = spec.commandLine().getOut();
                klein.lines().forEach(out::println);
                out.flush();
                if (klein.passed()) {
                    return 0;
                }
                spec.commandLine().getErr().println("models check: " + klein.problems().getFirst());
                return FAILED;
            }
            int gpu = parseGpu(context.env().get("KONTEXT_GPU"));
            CheckReport report = new PackageChecker().check(dir, Optional.ofNullable(precision)
                            .or(() -> Optional.ofNullable(context.env().get("KONTEXT_PRECISION"))), device,
                    GpuProbe.probe(gpu).flatMap(GpuProbe.GpuInfo::capability));
            PrintWriter out = spec.commandLine().getOut();
            report.lines().forEach(out::println);
            out.flush();
            if (report.passed()) {
                return 0;
            }
            int count = report.problems().size();
            spec.commandLine().getErr().println("models check: " + (count == 1 ? "" : count + " problems; the first: ")
                    + report.problem().orElseThrow());
            return FAILED;
        }
    }

    static int parseGpu(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"The GPU memory plan for the package in DIR: weights per model (from the files), activation "
                    + "estimates per size and provider, the mode (everything resident, or T5 on demand with the VAE "
                    + "arenas shrunk) and the largest picture that fits.",
                    "The GPU's memory comes from nvidia-smi, or --gpu-memory; with neither, plans for 24, 48 and 80 GB "
                            + "cards are printed. Activation figures are estimates, not measurements."})
    static final class Plan implements Callable<Integer> {

        /** The cards a plan is shown for when no GPU is known. */
        static final int[] COMMON_CARDS_GIB = {24, 48, 80};
        /** The same for klein, which is meant for the cards people own. */
        static final int[] KLEIN_CARDS_GIB = {8, 12, 16, 24};

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The model package folder.")
        Path dir;

        @Option(names = "--gpu-memory", paramLabel = "GB", description = "The GPU's memory in GB (GiB, as cards are "
                + "sold); default: from nvidia-smi.")
        Integer gpuMemory;

        private final CliContext context;

        Plan(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (KleinPackageChecker.looksLikeKlein(dir)) {
                return kleinPlan(out);
            }
            Device device;
            MemoryMode mode;
            PackageProfile profile;
            try {
                device = Device.parse(Optional.ofNullable(context.env().get("KONTEXT_DEVICE")).orElse("cpu"));
                mode = MemoryMode.parse(context.env().get("KONTEXT_MEMORY"));
                profile = PackageProfile.read(dir);
            } catch (InferenceException e) {
                spec.commandLine().getErr().println("models plan: " + e.getMessage());
                return FAILED;
            }
            if (profile.transformers().isEmpty()) {
                spec.commandLine().getErr().println("models plan: no transformer.opt/<precision>/model.onnx in " + dir
                        + " (kontextbot models check " + dir + " says what is missing)");
                return FAILED;
            }
            Optional<GpuProbe.GpuInfo> gpu = GpuProbe.probe(parseGpu(context.env().get("KONTEXT_GPU")));
            PackagePlanner planner = new PackagePlanner(profile);
            List<Long> cards = gpuMemory != null ? List.of((long) gpuMemory << 30)
                    : gpu.map(g -> List.of(g.memoryBytes()))
                            .orElseGet(() -> java.util.Arrays.stream(COMMON_CARDS_GIB).mapToObj(g -> (long) g << 30).toList());
            if (gpuMemory == null && gpu.isEmpty()) {
                out.println("No GPU found (nvidia-smi is absent or failed): plans for 24, 48 and 80 GB cards.");
            }
            gpu.ifPresent(g -> out.println("GPU: " + g.name() + ", compute capability "
                    + g.capability().map(Object::toString).orElse("unknown")));
            for (long bytes : cards) {
                out.println("== " + (bytes >> 30) + " GB card, KONTEXT_MEMORY=" + mode.label() + " ==");
                planner.lines(device, bytes, mode, gpu.flatMap(GpuProbe.GpuInfo::capability)).forEach(out::println);
            }
            out.flush();
            return 0;
        }

        private int kleinPlan(PrintWriter out) {
            Device device;
            MemoryMode mode;
            java.util.Map<dev.kontextbot.inference.model.KleinPackage.Graph, Long> weights;
            try {
                device = Device.parse(Optional.ofNullable(context.env().get("KONTEXT_DEVICE")).orElse("cpu"));
                mode = MemoryMode.parse(context.env().get("KONTEXT_MEMORY"));
                weights = KleinMemoryPlan.weights(dir);
            } catch (InferenceException e) {
                spec.commandLine().getErr().println("models plan: " + e.getMessage());
                return FAILED;
            }
            Optional<GpuProbe.GpuInfo> gpu = GpuProbe.probe(parseGpu(context.env().get("KONTEXT_GPU")));
            List<Long> cards = gpuMemory != null ? List.of((long) gpuMemory << 30)
                    : gpu.map(g -> List.of(g.memoryBytes()))
                            .orElseGet(() -> java.util.Arrays.stream(KLEIN_CARDS_GIB).mapToObj(g -> (long) g << 30).toList());
            if (gpuMemory == null && gpu.isEmpty()) {
                out.println("No GPU found (nvidia-smi is absent or failed): plans for 8, 12, 16 and 24 GB cards.");
            }
            for (long bytes : cards) {
                out.println("== " + (bytes >> 30) + " GB card, KONTEXT_MEMORY=" + mode.label() + " ==");
                KleinMemoryPlan.plan(weights, device == Device.CPU ? Device.CUDA : device, bytes, mode).lines()
                        .forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }
}
