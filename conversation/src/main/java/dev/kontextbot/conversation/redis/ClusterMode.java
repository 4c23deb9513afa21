package dev.kontextbot.conversation.redis;

import java.util.Locale;

/** REDIS_CLUSTER: ask the server ({@code AUTO}), or force the cluster client on or off. */
public enum ClusterMode {
    AUTO, ON, OFF;

    /** Reads {@code auto}, {@code on} or {@code off} in any case. */
    public static ClusterMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("REDIS_CLUSTER must be auto, on or off, not " + value, e);
        }
    }
}
