package dev.kontextbot.inference.text;

import dev.kontextbot.inference.InferenceException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * T5 v1.1 tokenisation for FLUX: exactly {@value #LENGTH} ids, the prompt's tokens then {@code </s>},
 * truncated so that {@code </s>} stays last, then padded with {@code <pad>} (kontext-pipeline.md §3.4,
 * §4.6). No start token. Ids are read from the tokenizer file. Thread-safe; close it to free the native
 * tokenizer.
 */
public final class T5Tokenizer implements AutoCloseable {

    public static final int LENGTH = 512;
    public static final int MAX_CONTENT_TOKENS = LENGTH - 1;
    public static final String END_TOKEN = "</s>";
    public static final String PAD_TOKEN = "<pad>";

    private final TextEncoderTokenizer tokenizer;
    private final long endId;
    private final long padId;

    private T5Tokenizer(TextEncoderTokenizer tokenizer, long endId, long padId) {
        this.tokenizer = tokenizer;
        this.endId = endId;
        this.padId = padId;
    }

    /**
     * Loads a T5 {@code tokenizer.json} (the package's {@code tokenizer_2/tokenizer.json}).
     *
     * @throws InferenceException MODEL_PACKAGE when the file is missing, unreadable or lacks the specials
     */
    public static T5Tokenizer load(Path tokenizerJson) throws InferenceException {
        return TextEncoderTokenizer.load(tokenizerJson, "T5", END_TOKEN, PAD_TOKEN, T5Tokenizer::new);
    }

    /** The {@value #LENGTH} ids for {@code prompt}; {@code truncated} when it had more than 511 tokens. */
    public TokenizedText encode(String prompt) {
        long[] content = tokenizer.contentIds(prompt);
        int kept = Math.min(content.length, MAX_CONTENT_TOKENS);
        long[] ids = new long[LENGTH];
        Arrays.fill(ids, padId);
        System.arraycopy(content, 0, ids, 0, kept);
        ids[kept] = endId;
        return new TokenizedText(ids, content.length > MAX_CONTENT_TOKENS, kept);
    }

    /** Id of {@code </s>} (1 in the real T5). */
    public long endId() {
        return endId;
    }

    /** Id of {@code <pad>} (0 in the real T5). */
    public long padId() {
        return padId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
