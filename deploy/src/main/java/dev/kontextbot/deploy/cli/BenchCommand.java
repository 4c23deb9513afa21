package dev.kontextbot.deploy.cli;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.pipeline.BenchReport;
import dev.kontextbot.inference.pipeline.EngineBenchmark;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.Timings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kontextbot bench}: one warm-up, then one timed S x S edit of a synthetic photo with an S x S context.
 * Prints each phase, the peak Java heap and, as the last line, {@code overhead_ms=.. model_ms=.. total_ms=..}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time one edit: model time and everything else apart.")
public final class BenchCommand implements Callable<Integer> {

    private final CliContext context;

    public BenchCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--size", defaultValue = "1024", description = "Context and output side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", description = "Denoising steps (default: the family's, 28 for Kontext, 4 for klein).")
    Integer steps;

    @Mixin
    EngineFlags engineFlags;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        EngineOptions options;
        try {
            options = engineFlags.engineOptions(context.env());
        } catch (InferenceException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (size < 256 || size > 2048 || size % 16 != 0) {
            err.println("--size must be a multiple of 16 between 256 and 2048 (got " + size + ").");
            return 2;
        }
        try {
            BenchReport report;
            String label;
            try (KontextEngine engine = KontextEngine.open(options)) {
                // Opened as a worker opens it, warm-up included: bench measures what a running worker adds.
                engine.warmUp();
                label = engine.model().label();
                report = new EngineBenchmark(engine).run(size,
                        steps != null ? steps : engine.model().family().defaultSteps());
            }
            print(out, report, label);
            out.flush();
            return 0;
        } catch (InferenceException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    static void print(PrintWriter out, BenchReport r, String model) {
        Timings t = r.engine();
        out.printf(Locale.ROOT, "bench: %dx%d edit with a %dx%d context, %d steps (%s)%n", r.size(), r.size(), r.size(),
                r.size(), t.steps(), model);
        line(out, "decode (PNG)", r.decode());
        line(out, "resize", t.resize());
        line(out, "VAE encode (incl. tensor)", t.vaeEncode());
        line(out, "tokenize + text encode", t.tokenize().plus(t.textEncode()));
        line(out, "model time per step", t.modelPerStep());
        line(out, "non-model time per step", t.nonModelPerStep());
        line(out, "VAE decode", t.vaeDecode());
        line(out, "post-process", t.postProcess());
        line(out, "PNG encode", r.pngEncode());
        out.printf(Locale.ROOT, "%-26s %10.1f MiB%n", "peak Java heap", r.peakHeapBytes() / 1048576.0);
        // CPU time of the bench thread outside session runs: unlike overhead_ms, it does not grow when other
        // processes compete for the cores, so figures from a busy machine stay comparable.
        line(out, "overhead, thread CPU", r.overheadCpu());
        BenchReport.FollowUp f = r.followUp();
        line(out, "follow-up turn (latents)", f.wall());
        line(out, "  its VAE encode", f.engine().vaeEncode());
        out.printf(Locale.ROOT, "%-26s %10.2f ms (%.0f%% of the first turn; VAE encoder runs: %d)%n",
                "follow-up saves", r.followUpSaving().toNanos() / 1e6,
                100.0 * r.followUpSaving().toNanos() / Math.max(1, r.wall().toNanos()), f.vaeEncoderRuns());
        out.printf(Locale.ROOT, "follow-up: overhead_ms=%d model_ms=%d%n", r.followUpOverhead().toMillis(),
                f.engine().sessionRuns().toMillis());
        out.printf(Locale.ROOT, "%-26s %10.2f ms first, %.2f ms follow-up (the engine's run outside the models; "
                + "prepare and PNG run beside the device in a worker)%n", "on the device's path",
                BenchReport.deviceOverhead(t).toNanos() / 1e6, BenchReport.deviceOverhead(f.engine()).toNanos() / 1e6);
        out.println(r.summaryLine());
    }

    private static void line(PrintWriter out, String phase, Duration d) {
        out.printf(Locale.ROOT, "%-26s %10.2f ms%n", phase, d.toNanos() / 1e6);
    }
}
