package dev.kontextbot.inference.image;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One PNG text chunk: a keyword (1-79 Latin-1 printable characters, PNG spec 11.3.4) and its text. Written as
 * {@code tEXt} when the text is Latin-1, else as uncompressed UTF-8 {@code iTXt}; PIL's {@code Image.text} and
 * exiftool read both.
 */
public record PngText(String keyword, String text) {

    public PngText {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(text, "text");
        if (keyword.isEmpty() || keyword.length() > 79 || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(keyword)
                || keyword.startsWith(" ") || keyword.endsWith(" ") || keyword.chars().anyMatch(c -> c < 32)) {
            throw new IllegalArgumentException("not a PNG text keyword: " + keyword);
        }
    }

    boolean latin1() {
        return StandardCharsets.ISO_8859_1.newEncoder().canEncode(text) && text.indexOf('\0') < 0;
    }
}
