package dev.kontextbot.inference.model;

import dev.kontextbot.inference.InferenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code models check} for a FLUX.2 [klein] package: each of the four graphs statically as {@link PackageChecker}
 * checks Kontext's (names, types, ranks, IR and opset, custom domains, external data, weight bytes, never a session),
 * its {@code MatMulNBits} nodes and their bit widths, and which providers of the bundled ONNX Runtime run them.
 */
public final class KleinPackageChecker {

    /** What the check found: one line per fact, and the problems (empty when the package passed). */
    public record Report(List<String> lines, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final GraphInspector inspector = new GraphInspector();

    public Report check(Path dir) {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean standIn = Files.isRegularFile(dir.resolve(ModelPackage.STAND_IN_MARKER));
        lines.add("Family: FLUX.2 [klein] 4B (Apache-2.0)" + (standIn ? ", a STAND-IN package (not the real"
                + " weights; " + ModelPackage.STAND_IN_MARKER + " says which)" : "") + "; told from the graphs' interfaces"
                + (Files.isRegularFile(dir.resolve("config.json")) ? "" : " (no config.json, none needed)"));
        List<String> providers = ExecutionProviders.available();
        for (KleinPackage.Graph graph : KleinPackage.Graph.values()) {
            String file = graph.file();
            if (!Files.isRegularFile(dir.resolve(file))) {
                problems.add(KleinPackage.missing(dir, file));
                continue;
            }
            GraphSummary s;
            try {
                s = inspector.inspect(dir.resolve(file), file);
            } catch (InferenceException e) {
                problems.add(e.getMessage());
                continue;
            }
            PackageChecker.compare(file, "input", graph.inputs(), s.inputs(), true).ifPresent(problems::add);
            PackageChecker.compare(file, "output", graph.outputs(), s.outputs(), false).ifPresent(problems::add);
            PackageChecker.versions(file, s).ifPresent(problems::add);
            problems.addAll(PackageChecker.externalData(dir.resolve(file).toAbsolutePath().getParent(), file, s));
            lines.add(file + " (" + graph.plainName() + "): IR " + s.irVersion() + ", opset " + s.defaultOpset()
                    + ", weights " + Bytes.plain(s.totalWeightBytes())
                    + (s.externalData().isEmpty() ? "" : " (external data " + String.join(", ",
                    s.externalData().keySet()) + ")"));
            lines.add("  inputs:  " + s.inputs().stream().map(Object::toString).collect(Collectors.joining(", ")));
            lines.add("  outputs: " + s.outputs().stream().map(Object::toString).collect(Collectors.joining(", ")));
            s.customDomains().forEach(d -> problems.add(file + " uses custom operators of domain '" + d
                    + "' that the bundled ONNX Runtime does not have"));
            if (!s.matMulNBits().isEmpty()) {
                lines.add("  quantised: " + s.matMulNBits().entrySet().stream()
                        .map(e -> e.getValue() + " MatMulNBits of " + e.getKey() + " bits")
                        .collect(Collectors.joining(", ")) + " (com.microsoft); run by " + runners(providers));
            } else {
                lines.add("  precision: " + s.precision().name().toLowerCase(java.util.Locale.ROOT)
                        + " (no MatMulNBits)");
            }
        }
        if (!Files.isRegularFile(dir.resolve(KleinPackage.TOKENIZER))) {
            problems.add(KleinPackage.missing(dir, KleinPackage.TOKENIZER));
        }
        lines.add("TensorRT: not offered for klein (its provider does not run MatMulNBits); use KONTEXT_DEVICE=cuda "
                + "or cpu");
        problems.forEach(p -> lines.add("PROBLEM: " + p));
        lines.add(problems.isEmpty() ? "OK: the package has FLUX.2 [klein]'s published interface"
                : "FAILED: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        return new Report(List.copyOf(lines), List.copyOf(problems));
    }

    /** The bundled providers that implement MatMulNBits: ONNX Runtime's CPU and CUDA kernels do, TensorRT's not. */
    private static String runners(List<String> providers) {
        List<String> run = providers.stream().filter(p -> p.equals("CPU") || p.equals("CUDA")).toList();
        return (run.isEmpty() ? "none of the bundled providers" : String.join(", ", run) + " (bundled)")
                + (providers.contains("CUDA") ? "" : "; CUDA with the GPU build (onnxruntime_gpu)");
    }

    /** Whether {@code dir} holds klein's files rather than Kontext's (any of the four graphs at the root). */
    public static boolean looksLikeKlein(Path dir) {
        return java.util.Arrays.stream(KleinPackage.Graph.values())
                .anyMatch(g -> Files.isRegularFile(dir.resolve(g.file())));
    }
}
