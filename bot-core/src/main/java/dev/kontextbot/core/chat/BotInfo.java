package dev.kontextbot.core.chat;

/** Facts an adapter may show: whether the model is the stand-in, and the model license line. */
public record BotInfo(String modelName, boolean standIn, String licenseNotice, String helpText) {
}
