package dev.kontextbot.core.rules;

import java.util.Locale;
import java.util.Optional;

/** What a message that is not an edit or a command gets an answer about; the {@code answer} tool's argument. */
public enum AnswerTopic {
    CAPABILITIES(Talk.QUESTION),
    SETTINGS(Talk.QUESTION),
    DURATION(Talk.QUESTION),
    MODEL(Talk.QUESTION),
    LICENSE(Talk.QUESTION),
    CREATOR(Talk.QUESTION),
    PICTURE(Talk.QUESTION),
    PRIVACY(Talk.QUESTION),
    /** Why pictures drift over many edits, and the two fixes (issue 16). */
    DRIFT(Talk.QUESTION),
    OTHER(Talk.QUESTION),
    GREETING(Talk.SMALL_TALK),
    THANKS(Talk.SMALL_TALK),
    PRAISE(Talk.SMALL_TALK),
    FAREWELL(Talk.SMALL_TALK),
    INTRODUCTION(Talk.INTRODUCTION),
    /** "no" to "Edit the picture: ...?" */
    DECLINED(Talk.REPLY),
    /** "ok" or "yes" with nothing pending. */
    ACKNOWLEDGED(Talk.REPLY);

    /** The kind of talk a topic answers. */
    public enum Talk {
        QUESTION,
        SMALL_TALK,
        INTRODUCTION,
        REPLY
    }

    private final Talk talk;

    AnswerTopic(Talk talk) {
        this.talk = talk;
    }

    public Talk talk() {
        return talk;
    }

    /** The name tools and data files use: "capabilities", "greeting". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AnswerTopic> of(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (AnswerTopic topic : values()) {
            if (topic.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(topic);
            }
        }
        return Optional.empty();
    }
}
