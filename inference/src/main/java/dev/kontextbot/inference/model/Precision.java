package dev.kontextbot.inference.model;

import java.util.Locale;

/** The number format a graph computes in, best quality first. */
public enum Precision {
    FP32, BF16, FP16, FP8, FP4;

    /** E.g. "bf16". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
