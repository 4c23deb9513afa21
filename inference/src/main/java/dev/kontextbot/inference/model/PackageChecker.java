package dev.kontextbot.inference.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a model package statically: every part present (a missing one names the repository and folder it comes
 * from), each graph read from its protobuf by {@link GraphInspector} (never run, no session opened, so a 35 GB
 * bf16 package is checked in seconds with flat memory on any machine), every expected input and output present
 * with the expected kind, rank and fixed sizes, IR version and opset within what the bundled ONNX Runtime loads,
 * external data files present and as long as their tensors need. It also says what each model needs (bf16: a GPU;
 * fp8/fp4 or {@code trt} operators: TensorRT) and what the configured device refuses.
 */
public final class PackageChecker {

    /** Newest IR version and default-domain opset the bundled ONNX Runtime (1.29) loads, per its release notes. */
    static final long MAX_IR_VERSION = 11;
    static final long MAX_OPSET = 23;

    private final GraphInspector inspector = new GraphInspector();

    /**
     * @param precision  one transformer folder to check; empty: every precision folder present
     * @param device     the device the package would run on (KONTEXT_DEVICE)
     * @param capability the GPU's compute capability, when known
     */
    public CheckReport check(Path dir, Optional<String> precision, Device device,
                             Optional<ComputeCapability> capability) {
        if (!Files.isDirectory(dir)) {
            return new CheckReport(dir, Optional.empty(), false, List.of(),
                    List.of("the model package folder " + dir + " does not exist"), List.of());
        }
        boolean standIn = Files.isRegularFile(dir.resolve(ModelPackage.STAND_IN_MARKER));
        List<String> problems = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        List<CheckReport.ModelReport> reports = new ArrayList<>();
        List<String> precisions = precision.map(String::strip).filter(p -> !p.isEmpty()).map(List::of)
                .orElseGet(() -> ModelPackage.presentPrecisions(dir));
        if (precisions.isEmpty()) {
            try {
                ModelPackage.presentPrecisionOrThrow(dir);
            } catch (InferenceException e) {
                problems.add(e.getMessage());
            }
        }
        List<String> files = new ArrayList<>();
        files.add(ModelInterface.CLIP.folder() + "/" + ModelPackage.MODEL_FILE);
        files.add(ModelInterface.T5.folder() + "/" + ModelPackage.MODEL_FILE);
        precisions.forEach(p -> files.add(ModelInterface.TRANSFORMER.folder() + "/" + p + "/" + ModelPackage.MODEL_FILE));
        files.add(ModelInterface.VAE_ENCODER.folder() + "/" + ModelPackage.MODEL_FILE);
        files.add(ModelInterface.VAE_DECODER.folder() + "/" + ModelPackage.MODEL_FILE);
        for (String file : files) {
            ModelInterface model = modelOf(file);
            if (!Files.isRegularFile(dir.resolve(file))) {
                problems.add(ModelPackage.missing(dir, file));
                continue;
            }
            GraphSummary summary;
            try {
                summary = inspector.inspect(dir.resolve(file), file);
            } catch (InferenceException e) {
                problems.add(e.getMessage());
                continue;
            }
            compare(file, "input", model.inputs(), summary.inputs(), true).ifPresent(problems::add);
            compare(file, "output", model.outputs(), summary.outputs(), false).ifPresent(problems::add);
            versions(file, summary).ifPresent(problems::add);
            problems.addAll(externalData(dir.resolve(file).getParent(), file, summary));
            List<String> notes = notes(model, summary);
            reports.add(new CheckReport.ModelReport(model, file, summary, notes));
            PrecisionSupport.refusal(model.plainName() + " (" + file + ")", summary.precision(),
                    summary.customDomains().contains(GraphSummary.TRT_DOMAIN), device, capability)
                    .ifPresent(refusals::add);
        }
        for (String tokenizer : List.of(ModelPackage.CLIP_TOKENIZER, ModelPackage.T5_TOKENIZER)) {
            if (!Files.isRegularFile(dir.resolve(tokenizer))) {
                problems.add(ModelPackage.missing(dir, tokenizer));
            }
        }
        return new CheckReport(dir, precisions.stream().findFirst(), standIn, reports, problems, refusals);
    }

    private static ModelInterface modelOf(String file) {
        for (ModelInterface m : ModelInterface.values()) {
            if (file.startsWith(m.folder() + "/")) {
                return m;
            }
        }
        throw new IllegalArgumentException(file);
    }

    private static List<String> notes(ModelInterface model, GraphSummary s) {
        List<String> notes = new ArrayList<>();
        Precision p = s.precision();
        boolean trt = s.customDomains().contains(GraphSummary.TRT_DOMAIN);
        if (trt) {
            notes.add("TensorRT only: nodes in TensorRT's custom-operator domain 'trt'");
        }
        s.customDomains().stream().filter(d -> !d.equals(GraphSummary.TRT_DOMAIN))
                .forEach(d -> notes.add("custom operators of domain '" + d + "': ONNX Runtime needs their library"));
        if (!s.narrowFloatTypes().isEmpty()) {
            notes.add("low-bit float types " + s.narrowFloatTypes() + ": TensorRT only");
        }
        notes.add("runs on: " + switch (p) {
            case FP32, FP16 -> trt ? "tensorrt" : "cpu, cuda, tensorrt";
            case BF16 -> trt ? "tensorrt" : "cuda, tensorrt (bf16 needs a GPU of compute capability 8.0 or newer)";
            case FP8 -> "tensorrt on a GPU of compute capability 8.9 or newer";
            case FP4 -> "tensorrt on a GPU of compute capability 10.0 or newer";
        });
        if (!s.randomNodes().isEmpty()) {
            notes.add("samples: " + String.join(", ", s.randomNodes()) + " adds noise to its output; KontextBot replaces"
                    + " it with zeros when loading it, so it returns the posterior mean as the reference does");
        } else if (model == ModelInterface.VAE_ENCODER) {
            notes.add("deterministic: no random nodes");
        }
        return notes;
    }

    static Optional<String> versions(String file, GraphSummary s) {
        if (s.irVersion() > MAX_IR_VERSION) {
            return Optional.of(file + " has IR version " + s.irVersion() + "; the bundled ONNX Runtime loads up to "
                    + MAX_IR_VERSION + " (re-export it, or update KontextBot)");
        }
        if (s.defaultOpset() > MAX_OPSET) {
            return Optional.of(file + " uses opset " + s.defaultOpset() + "; the bundled ONNX Runtime supports up to "
                    + MAX_OPSET);
        }
        return Optional.empty();
    }

    static List<String> externalData(Path folder, String file, GraphSummary s) {
        List<String> problems = new ArrayList<>();
        String base = file.substring(0, file.lastIndexOf('/') + 1);
        for (Map.Entry<String, Long> e : s.externalData().entrySet()) {
            Path data = folder.resolve(e.getKey()).normalize();
            if (!data.startsWith(folder)) {
                problems.add(file + " points at external data outside its folder (" + e.getKey() + ")");
                continue;
            }
            if (!Files.isRegularFile(data)) {
                problems.add(base + e.getKey() + " is missing: " + file + " keeps " + Bytes.plain(e.getValue())
                        + " of weights there (download the whole folder)");
                continue;
            }
            try {
                long size = Files.size(data);
                if (size < e.getValue()) {
                    problems.add(base + e.getKey() + " is truncated: " + size + " bytes, the tensors of " + file
                            + " need " + e.getValue() + " (download it again)");
                }
            } catch (IOException ex) {
                problems.add(base + e.getKey() + " could not be read: " + ex.getMessage());
            }
        }
        return problems;
    }

    /**
     * Checks one already open session against its expected interface, for engines that load a package without
     * running the whole check: a mis-named or mis-shaped tensor becomes a plain error before the first run.
     *
     * @param file how to name the model in the message, e.g. {@code transformer.opt/bf16/model.onnx}
     * @throws InferenceException MODEL_PACKAGE naming the file and the first wrong tensor
     */
    public static void verify(ModelInterface model, OrtSession session, String file) throws InferenceException {
        List<GraphSummary.ValueLine> inputs;
        List<GraphSummary.ValueLine> outputs;
        try {
            inputs = lines(session.getInputInfo());
            outputs = lines(session.getOutputInfo());
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

    private static List<GraphSummary.ValueLine> lines(Map<String, NodeInfo> nodes) {
        List<GraphSummary.ValueLine> lines = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                List<String> dims = new ArrayList<>();
                for (long d : info.getShape()) {
                    dims.add(d >= 0 ? Long.toString(d) : "?");
                }
                String type = info.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "");
                int number = java.util.Arrays.stream(OnnxElementType.values()).filter(t -> t.name().equals(type))
                        .mapToInt(OnnxElementType::number).findFirst().orElse(-1);
                lines.add(new GraphSummary.ValueLine(node.getName(), number, dims));
            } else {
                lines.add(new GraphSummary.ValueLine(node.getName(), -1, List.of()));
            }
        }
        return lines;
    }

    /**
     * The first mismatch between the expected tensors and the declared ones. Extra inputs are a problem (the
     * engine would not feed them); extra outputs are not.
     */
    static Optional<String> compare(String file, String role, List<TensorSpec> expected,
                                    List<GraphSummary.ValueLine> declared, boolean extraIsProblem) {
        for (TensorSpec spec : expected) {
            Optional<GraphSummary.ValueLine> found = declared.stream().filter(v -> v.name().equals(spec.name()))
                    .findFirst();
            if (found.isEmpty()) {
                return Optional.of(file + ": " + role + " '" + spec.name() + "' is missing (expected " + spec
                        + "; the model declares " + String.join(", ", declared.stream().map(GraphSummary.ValueLine::name)
                        .toList()) + ")");
            }
            GraphSummary.ValueLine v = found.get();
            Optional<OnnxElementType> type = OnnxElementType.of(v.elementType());
            boolean kindOk = type.isPresent() && (spec.kind() == TensorSpec.Kind.FLOAT_LIKE
                    ? type.get().isFloatLike() : type.get().isIntLike());
            if (!kindOk) {
                return Optional.of(file + ": " + role + " '" + spec.name() + "' has element type " + v.typeName()
                        + ", expected a " + spec.kind() + " type");
            }
            if (v.dims().size() != spec.rank()) {
                return Optional.of(file + ": " + role + " '" + spec.name() + "' has rank " + v.dims().size()
                        + ", expected " + spec.rank() + " " + spec.shape());
            }
            for (int axis = 0; axis < v.dims().size(); axis++) {
                String d = v.dims().get(axis);
                long size = d.matches("\\d+") ? Long.parseLong(d) : -1;
                if (!spec.allows(axis, size)) {
                    return Optional.of(file + ": " + role + " '" + spec.name() + "' has size " + size
                            + " on axis " + axis + ", expected " + spec.shape());
                }
            }
        }
        if (extraIsProblem) {
            for (GraphSummary.ValueLine v : declared) {
                if (expected.stream().noneMatch(s -> s.name().equals(v.name()))) {
                    return Optional.of(file + ": unexpected " + role + " '" + v.name() + "' that the engine does not feed");
                }
            }
        }
        return Optional.empty();
    }
}
