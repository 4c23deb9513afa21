package dev.kontextbot.inference.model;

import java.util.Locale;

/** Byte counts for people: "23.8 GB", "512 MB" (decimal units, as disk and GPU sizes are quoted). */
public final class Bytes {

    private Bytes() {
    }

    public static String plain(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        if (bytes >= 1_000L) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
        }
        return bytes + " B";
    }
}
