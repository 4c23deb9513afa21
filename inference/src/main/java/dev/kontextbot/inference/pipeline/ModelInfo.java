package dev.kontextbot.inference.pipeline;

import java.nio.file.Path;

/**
 * What an engine has loaded.
 *
 * @param dir       the model package
 * @param precision the transformer precision folder
 * @param device    the execution device, lower case
 * @param standIn   the package is the stand-in (small random weights, not Kontext)
 */
public record ModelInfo(Path dir, String precision, String device, boolean standIn) {
}
