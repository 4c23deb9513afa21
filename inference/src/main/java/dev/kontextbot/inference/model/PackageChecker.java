package dev.kontextbot.inference.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.kontextbot.inference.InferenceException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates a model package: every file present, every model loadable by ONNX Runtime on the CPU from its
 * path (so external data must resolve), and every expected input and output present with the expected kind,
 * rank and fixed sizes ({@link ModelInterface}). Models are checked in package order; the first problem is
 * reported, and the interfaces of all models that could be opened are listed.
 */
public final class PackageChecker {

    private final OrtSessions sessions;

    public PackageChecker(OrtSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    public CheckReport check(Path dir, Optional<String> precision) {
        ModelPackage pkg;
        try {
            pkg = ModelPackage.open(dir, precision);
        } catch (InferenceException e) {
            return new CheckReport(dir, Optional.empty(), false, List.of(), Optional.of(e.getMessage()));
        }
        List<CheckReport.ModelReport> reports = new ArrayList<>();
        Optional<String> firstProblem = Optional.empty();
        for (ModelInterface model : ModelInterface.values()) {
            String file = pkg.relativePath(model);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                // Loading is all we need: skip graph optimisation to keep the check quick.
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
                try (OrtSession session = sessions.open(pkg.model(model), options)) {
                    Map<String, NodeInfo> inputs = session.getInputInfo();
                    Map<String, NodeInfo> outputs = session.getOutputInfo();
                    reports.add(new CheckReport.ModelReport(model, file, lines(inputs), lines(outputs)));
                    if (firstProblem.isEmpty()) {
                        firstProblem = compare(file, "input", model.inputs(), inputs, true)
                                .or(() -> compare(file, "output", model.outputs(), outputs, false));
                    }
                }
            } catch (InferenceException e) {
                firstProblem = firstProblem.or(() -> Optional.of(e.getMessage()));
            } catch (OrtException e) {
                String message = file + " could not be inspected: " + e.getMessage();
                firstProblem = firstProblem.or(() -> Optional.of(message));
            }
        }
        return new CheckReport(dir, Optional.of(pkg.precision()), pkg.isStandIn(), reports, firstProblem);
    }

    /**
     * Checks one already open session against its expected interface, for engines that load a package without
     * running the whole check: a mis-named or mis-shaped tensor becomes a plain error before the first run.
     *
     * @param file how to name the model in the message, e.g. {@code transformer.opt/bf16/model.onnx}
     * @throws InferenceException MODEL_PACKAGE naming the file and the first wrong tensor
     */
    public static void verify(ModelInterface model, OrtSession session, String file) throws InferenceException {
        Map<String, NodeInfo> inputs;
        Map<String, NodeInfo> outputs;
        try {
            inputs = session.getInputInfo();
            outputs = session.getOutputInfo();
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    file + " could not be inspected: " + e.getMessage(), e);
        }
        Optional<String> problem = compare(file, "input", model.inputs(), inputs, true)
                .or(() -> compare(file, "output", model.outputs(), outputs, false));
        if (problem.isPresent()) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, problem.get());
        }
    }

    /**
     * The first mismatch between the expected tensors and the declared ones. Extra inputs are a problem (the
     * engine would not feed them); extra outputs are not.
     */
    private static Optional<String> compare(String file, String role, List<TensorSpec> expected,
                                            Map<String, NodeInfo> declared, boolean extraIsProblem) {
        for (TensorSpec spec : expected) {
            NodeInfo node = declared.get(spec.name());
            if (node == null) {
                return Optional.of(file + ": " + role + " '" + spec.name() + "' is missing (expected " + spec
                        + "; the model declares " + String.join(", ", declared.keySet()) + ")");
            }
            if (!(node.getInfo() instanceof TensorInfo info)) {
                return Optional.of(file + ": " + role + " '" + spec.name() + "' is not a tensor");
            }
            Optional<TensorSpec.Kind> kind = TensorSpec.Kind.of(info.type);
            if (kind.isEmpty() || kind.get() != spec.kind()) {
                return Optional.of(file + ": " + role + " '" + spec.name() + "' has element type " + info.type
                        + ", expected a " + spec.kind() + " type");
            }
            long[] shape = info.getShape();
            if (shape.length != spec.rank()) {
                return Optional.of(file + ": " + role + " '" + spec.name() + "' has rank " + shape.length
                        + ", expected " + spec.rank() + " " + spec.shape());
            }
            for (int axis = 0; axis < shape.length; axis++) {
                if (!spec.allows(axis, shape[axis])) {
                    return Optional.of(file + ": " + role + " '" + spec.name() + "' has size " + shape[axis]
                            + " on axis " + axis + ", expected " + spec.shape());
                }
            }
        }
        if (extraIsProblem) {
            for (String name : declared.keySet()) {
                if (expected.stream().noneMatch(s -> s.name().equals(name))) {
                    return Optional.of(file + ": unexpected " + role + " '" + name + "' that the engine does not feed");
                }
            }
        }
        return Optional.empty();
    }

    private static List<CheckReport.TensorLine> lines(Map<String, NodeInfo> nodes) {
        List<CheckReport.TensorLine> lines = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                lines.add(new CheckReport.TensorLine(node.getName(), info.type.name(), shape(info)));
            } else {
                lines.add(new CheckReport.TensorLine(node.getName(), "non-tensor", node.getInfo().toString()));
            }
        }
        return lines;
    }

    /** E.g. {@code [B,latent_dim,64]}: fixed sizes as numbers, dynamic axes by name, or '?' when unnamed. */
    private static String shape(TensorInfo info) {
        long[] shape = info.getShape();
        String[] names = info.getDimensionNames();
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0) {
                dims.add(Long.toString(shape[i]));
            } else {
                dims.add(names != null && i < names.length && !names[i].isEmpty() ? names[i] : "?");
            }
        }
        return "[" + String.join(",", dims) + "]";
    }
}
