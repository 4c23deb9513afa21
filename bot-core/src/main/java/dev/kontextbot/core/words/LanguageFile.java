package dev.kontextbot.core.words;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Reads a language's answers file ({@code core/rules/<language>.answers}, UTF-8 {@code key = text} lines). */
public final class LanguageFile {

    private static final String FOLDER = "/dev/kontextbot/core/rules/";

    private LanguageFile() {
    }

    public static Properties answers(String language) {
        String resource = language + ".answers";
        try (InputStream in = LanguageFile.class.getResourceAsStream(FOLDER + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No answers for language '" + language + "' (" + resource + ")");
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }
}
