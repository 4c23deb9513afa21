package dev.kontextbot.conversation.state;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A way to name a version: by id, by number ("v3"), "the original" or "the previous one". */
public sealed interface VersionRef {

    record ById(String id) implements VersionRef {
        public ById {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("A version id cannot be empty");
            }
        }
    }

    record ByNumber(int number) implements VersionRef {
        public ByNumber {
            if (number < 1) {
                throw new UnnamedVersionException(new Refusal.NumberedFromOne());
            }
        }
    }

    /** The root the current image descends from. */
    record Original() implements VersionRef {
    }

    /** The version the current image was made from (its parent). */
    record Previous() implements VersionRef {
    }

    Pattern NUMBER = Pattern.compile("(?:(?:the\\s+)?version\\s*|v|#)?\\s*(\\d{1,6})");

    /** Reads "v3", "3", "#3", "version 3", "the original", "the first one", "the previous one", or an id. */
    static VersionRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new UnnamedVersionException(new Refusal.NoVersionNamed());
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("[.!?]+$", "").replaceAll("\\s+", " ");
        Matcher m = NUMBER.matcher(t);
        if (m.matches()) {
            return new ByNumber(Integer.parseInt(m.group(1)));
        }
        String bare = t.replaceFirst("^(the|my) ", "").replaceFirst(" (one|version|image|picture)$", "");
        return switch (bare) {
            case "original", "first", "start", "beginning" -> new Original();
            case "previous", "prev", "last", "one before", "one before that" -> new Previous();
            default -> new ById(text.trim());
        };
    }
}
