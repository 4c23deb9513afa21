package dev.kontextbot.inference.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link PackageChecker} read from a package: each model's interface and facts, every problem (a missing
 * part, a wrong tensor, missing external data) in one plain line each, and what the configured device refuses.
 *
 * @param precision the transformer precision folder in use, empty when none was found
 * @param problems  what makes the package unusable anywhere; empty when it passed
 * @param refusals  why the configured device cannot run it (the package is fine; another device would be)
 */
public record CheckReport(Path dir, Optional<String> precision, boolean standIn, List<ModelReport> models,
                          List<String> problems, List<String> refusals) {

    public CheckReport {
        models = List.copyOf(models);
        problems = List.copyOf(problems);
        refusals = List.copyOf(refusals);
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    /** The first problem, for one-line callers. */
    public Optional<String> problem() {
        return problems.stream().findFirst();
    }

    /** One model file: its summary (read from the protobuf) and what it means, e.g. "TensorRT only". */
    public record ModelReport(ModelInterface model, String file, GraphSummary summary, List<String> notes) {
        public ModelReport {
            notes = List.copyOf(notes);
        }
    }

    /** The report as lines for a terminal: one header per model, one line per tensor and note, then the verdict. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add((standIn ? "STAND-IN model package (not FLUX.1 Kontext): " : "Model package: ")
                + dir + precision.map(p -> " (transformer precision " + p + ")").orElse(""));
        for (ModelReport m : models) {
            GraphSummary s = m.summary();
            lines.add(m.file() + "  (IR " + s.irVersion() + ", opset " + s.defaultOpset() + ", computes in "
                    + s.precision().label() + ", weights " + Bytes.plain(s.totalWeightBytes()) + ")");
            s.inputs().forEach(t -> lines.add("  in   " + t));
            s.outputs().forEach(t -> lines.add("  out  " + t));
            m.notes().forEach(n -> lines.add("  note " + n));
        }
        problems.forEach(p -> lines.add("FAILED: " + p));
        refusals.forEach(r -> lines.add("REFUSED on this device: " + r));
        if (problems.isEmpty()) {
            lines.add("OK: every file and tensor is as the engine expects" + (refusals.isEmpty() ? ""
                    : " (but not on the configured device, see above)"));
        }
        return lines;
    }
}
