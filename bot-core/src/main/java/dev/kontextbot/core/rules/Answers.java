package dev.kontextbot.core.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bot's short answers of one language ({@code en.answers}), one per {@link AnswerTopic}, with placeholders. */
public final class Answers {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final Properties texts;

    private Answers(Properties texts) {
        this.texts = texts;
    }

    public static Answers load(String language) {
        String resource = language + ".answers";
        try (InputStream in = Answers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No answers for language '" + language + "' (" + resource + ")");
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (AnswerTopic topic : AnswerTopic.values()) {
                if (!texts.containsKey(topic.key())) {
                    throw new IllegalArgumentException(resource + " has no answer for " + topic.key());
                }
            }
            return new Answers(texts);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /** The answer for a topic with its placeholders filled; an unknown placeholder stays as written. */
    public String text(AnswerTopic topic, Map<String, String> values) {
        return filled(texts.getProperty(topic.key()), values);
    }

    /** Another text of the file by key ("stand_in"), filled the same way. */
    public String extra(String key, Map<String, String> values) {
        return filled(texts.getProperty(key, ""), values);
    }

    private static String filled(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
