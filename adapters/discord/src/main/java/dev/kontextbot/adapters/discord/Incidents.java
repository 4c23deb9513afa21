package dev.kontextbot.adapters.discord;

import java.security.SecureRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any error that reaches the adapter: logged with its stack trace under a short random incident id, and answered
 * with a short message that carries the id, so a user's report finds the log line.
 */
public final class Incidents {

    private static final Logger log = LoggerFactory.getLogger(Incidents.class);
    /** No 0/O or 1/I/L: the id is read aloud and retyped. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 6;

    private final Supplier<String> ids;

    public Incidents() {
        SecureRandom random = new SecureRandom();
        this.ids = () -> {
            char[] id = new char[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            return new String(id);
        };
    }

    /** Logs the error and returns the id. */
    public String report(String where, Throwable error) {
        String id = ids.get();
        log.error("Discord incident {} in {}", id, where, error);
        return id;
    }

    public static String message(String incidentId) {
        return "Something went wrong on my side (incident " + incidentId + "). Please try again; if it keeps "
                + "happening, tell the person who runs this bot the incident id.";
    }

    /** Logs and returns the user-facing message in one step. */
    public String answer(String where, Throwable error) {
        return message(report(where, error));
    }
}
