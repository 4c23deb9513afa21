package dev.kontextbot.inference.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link PackageChecker} found: the interface of each model it could open and the first problem, in
 * plain words naming the file and tensor.
 *
 * @param precision the transformer precision folder in use, empty when the package could not be resolved
 */
public record CheckReport(Path dir, Optional<String> precision, boolean standIn, List<ModelReport> models,
                          Optional<String> problem) {

    public CheckReport {
        models = List.copyOf(models);
    }

    public boolean passed() {
        return problem.isEmpty();
    }

    /** One model's declared interface, as ONNX Runtime reports it. */
    public record ModelReport(ModelInterface model, String file, List<TensorLine> inputs, List<TensorLine> outputs) {
        public ModelReport {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    /** One tensor: name, element type (e.g. FLOAT, BFLOAT16, INT64) and shape with named dynamic axes. */
    public record TensorLine(String name, String type, String shape) {
        @Override
        public String toString() {
            return name + " " + type + " " + shape;
        }
    }

    /** The report as lines for a terminal: one header per model, one line per tensor, then the verdict. */
    public List<String> lines() {
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add((standIn ? "STAND-IN model package (small random weights, not FLUX.1 Kontext): " : "Model package: ")
                + dir + precision.map(p -> " (transformer precision " + p + ")").orElse(""));
        for (ModelReport m : models) {
            lines.add(m.file());
            m.inputs().forEach(t -> lines.add("  in  " + t));
            m.outputs().forEach(t -> lines.add("  out " + t));
        }
        lines.add(problem.map(p -> "FAILED: " + p).orElse("OK: every file and tensor is as the engine expects"));
        return lines;
    }
}
