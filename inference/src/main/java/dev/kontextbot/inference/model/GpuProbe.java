package dev.kontextbot.inference.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The GPU's memory and compute capability from {@code nvidia-smi}, where present. Nothing here loads CUDA: a
 * machine without NVIDIA's tools simply has no GPU facts, and the plan then needs {@code --gpu-memory}.
 */
public final class GpuProbe {

    /** What {@code nvidia-smi} said about one GPU. */
    public record GpuInfo(String name, long memoryBytes, Optional<ComputeCapability> capability) {
    }

    private GpuProbe() {
    }

    /** Asks {@code nvidia-smi} (5 s at most); empty when it is absent or fails. */
    public static Optional<GpuInfo> probe(int gpuIndex) {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total,compute_cap",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? parse(out, gpuIndex) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Parses {@code name, memory MiB, capability} lines, one per GPU; empty when line {@code gpuIndex} is absent. */
    public static Optional<GpuInfo> parse(String output, int gpuIndex) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (gpuIndex >= lines.size()) {
            return Optional.empty();
        }
        String[] f = lines.get(gpuIndex).split(",");
        if (f.length < 2) {
            return Optional.empty();
        }
        try {
            long mib = Long.parseLong(f[1].strip());
            return Optional.of(new GpuInfo(f[0].strip(), mib << 20,
                    f.length > 2 ? ComputeCapability.parse(f[2]) : Optional.empty()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
