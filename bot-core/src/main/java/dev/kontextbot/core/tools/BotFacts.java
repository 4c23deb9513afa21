package dev.kontextbot.core.tools;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the bot can say about itself: the model's name and license, whether it is the stand-in, and how long an
 * edit takes here lately (measured by the job queue).
 */
public record BotFacts(String modelName, boolean standIn, String license, Supplier<Duration> averageEdit,
                       dev.kontextbot.core.edit.FamilySettings family) {}
