package dev.kontextbot.inference.model;

import java.util.Optional;

/** A CUDA compute capability, e.g. 8.9 (Ada) or 10.0 (Blackwell), as {@code nvidia-smi} reports it. */
public record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {

    /** bf16 tensor cores: Ampere. */
    public static final ComputeCapability BF16_MIN = new ComputeCapability(8, 0);
    /** fp8 tensor cores: Ada Lovelace and Hopper. */
    public static final ComputeCapability FP8_MIN = new ComputeCapability(8, 9);
    /** fp4 tensor cores: Blackwell. */
    public static final ComputeCapability FP4_MIN = new ComputeCapability(10, 0);

    /** Parses "8.9"; empty for anything else. */
    public static Optional<ComputeCapability> parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ComputeCapability(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(ComputeCapability o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    public boolean atLeast(ComputeCapability other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
