package dev.kontextbot.deploy.config;

/** How much of a setting's value may be shown in logs and in {@code doctor}. */
public enum Secrecy {
    /** Shown as is. */
    PUBLIC,
    /** Never shown: masked whole. */
    SECRET,
    /** A URL whose password (user-info part) is masked; the rest is shown. */
    PASSWORD_IN_URL
}
