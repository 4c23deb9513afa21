package dev.kontextbot.adapters.fixtureb;

/** A type of "another adapter", for the architecture test's fixture. */
public record OtherAdapterType(String key) {
}
