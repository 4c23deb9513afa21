package dev.kontextbot.inference.pipeline;

import java.nio.file.Path;

/**
 * What an engine has loaded.
 *
 * @param dir       the model package
 * @param precision the transformer precision folder
 * @param device    the execution device, lower case
 * @param standIn   the package is the stand-in (small random weights, not a real model)
 * @param family    the model family the package holds
 */
public record ModelInfo(Path dir, String precision, String device, boolean standIn, ModelFamily family) {

    /** The model's name as pictures and replies show it: the family's, or the stand-in's label. */
    public String label() {
        return standIn ? "stand-in (not " + family.displayName() + ")" : family.displayName();
    }
}
