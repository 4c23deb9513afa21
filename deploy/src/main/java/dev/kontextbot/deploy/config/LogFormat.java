package dev.kontextbot.deploy.config;

/** LOG_FORMAT: readable lines, or one JSON object per line for log collectors. */
public enum LogFormat {
    TEXT, JSON
}
