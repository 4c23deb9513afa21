package dev.kontextbot.inference.model;

import dev.kontextbot.inference.InferenceException;

import java.util.Locale;

/**
 * KONTEXT_MEMORY: how the GPU's memory is used. RESIDENT keeps all five models loaded; LOW opens T5 only on a
 * text-cache miss and closes it after, and shrinks the VAE arenas after each run; AUTO lets the memory plan choose.
 */
public enum MemoryMode {
    AUTO, RESIDENT, LOW;

    public static MemoryMode parse(String value) throws InferenceException {
        String v = value == null ? "auto" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> AUTO;
            case "resident" -> RESIDENT;
            case "low" -> LOW;
            default -> throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    "unknown memory mode '" + value + "': KONTEXT_MEMORY must be auto, resident or low");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
