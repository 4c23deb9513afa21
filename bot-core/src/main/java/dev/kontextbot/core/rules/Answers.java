package dev.kontextbot.core.rules;

import dev.kontextbot.core.words.LanguageFile;
import dev.kontextbot.core.words.Placeholders;
import dev.kontextbot.core.words.StateWords;
import java.util.Map;
import java.util.Properties;

/**
 * The bot's short answers of one language ({@code en.answers}), one per {@link AnswerTopic}, with placeholders; and
 * the same file's sentences for what the state reports ({@link #stateWords()}).
 */
public final class Answers {

    private final Properties texts;
    private final StateWords stateWords;

    private Answers(Properties texts, StateWords stateWords) {
        this.texts = texts;
        this.stateWords = stateWords;
    }

    /** Reads {@code <language>.answers}; fails when it lacks an answer of a topic or a sentence of the state. */
    public static Answers load(String language) {
        String resource = language + ".answers";
        Properties texts = LanguageFile.answers(language);
        for (AnswerTopic topic : AnswerTopic.values()) {
            if (!texts.containsKey(topic.key())) {
                throw new IllegalArgumentException(resource + " has no answer for " + topic.key());
            }
        }
        return new Answers(texts, StateWords.of(resource, texts));
    }

    /** The answer for a topic with its placeholders filled; an unknown placeholder stays as written. */
    public String text(AnswerTopic topic, Map<String, String> values) {
        return Placeholders.fill(texts.getProperty(topic.key()), values);
    }

    /** Another text of the file by key ("stand_in"), filled the same way. */
    public String extra(String key, Map<String, String> values) {
        return Placeholders.fill(texts.getProperty(key, ""), values);
    }

    /** The words for the state's codes and facts, in this language. */
    public StateWords stateWords() {
        return stateWords;
    }
}
