package dev.kontextbot.core.wiring;

import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.safety.Screening;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What the bot core is built from, made outside it: the options, the shared state, the screening (its classifier
 * and term lists are deploy's to load), the metrics registry, the clock and this front end's instance name.
 */
public record CoreInputs(BotCoreOptions options, StateServices state, Screening screening, ImageParts images,
                         MeterRegistry registry, Clock clock, String instanceName) {
}
