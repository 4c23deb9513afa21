package dev.kontextbot.core.fixturewiring;

import dev.kontextbot.core.reply.Variations;

/** Builds a service itself on purpose: the wiring test must catch it. */
public final class ToolThatBuildsItsService {

    public Variations variations() {
        return new Variations(null);
    }
}
