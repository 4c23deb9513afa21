package dev.kontextbot.inference.text;

import dev.kontextbot.inference.InferenceException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * CLIP-L tokenisation for FLUX: exactly {@value #LENGTH} ids, {@code <|startoftext|>}, at most
 * {@value #MAX_CONTENT_TOKENS} prompt tokens, {@code <|endoftext|>}, then padding with the end-of-text id
 * (the graph pools at the first end-of-text, so padding must be that id; kontext-pipeline.md §4.4).
 * Both ids are read from the tokenizer file. Thread-safe; close it to free the native tokenizer.
 */
public final class ClipTokenizer implements AutoCloseable {

    public static final int LENGTH = 77;
    public static final int MAX_CONTENT_TOKENS = LENGTH - 2;
    public static final String START_TOKEN = "<|startoftext|>";
    public static final String END_TOKEN = "<|endoftext|>";

    private final TextEncoderTokenizer tokenizer;
    private final long startId;
    private final long endId;

    private ClipTokenizer(TextEncoderTokenizer tokenizer, long startId, long endId) {
        this.tokenizer = tokenizer;
        this.startId = startId;
        this.endId = endId;
    }

    /**
     * Loads a CLIP {@code tokenizer.json} (the package's {@code tokenizer/tokenizer.json}).
     *
     * @throws InferenceException MODEL_PACKAGE when the file is missing, unreadable or lacks the specials
     */
    public static ClipTokenizer load(Path tokenizerJson) throws InferenceException {
        return TextEncoderTokenizer.load(tokenizerJson, "CLIP", START_TOKEN, END_TOKEN, ClipTokenizer::new);
    }

    /** The {@value #LENGTH} ids for {@code prompt}; {@code truncated} when it had more than 75 tokens. */
    public TokenizedText encode(String prompt) {
        long[] content = tokenizer.contentIds(prompt);
        int kept = Math.min(content.length, MAX_CONTENT_TOKENS);
        long[] ids = new long[LENGTH];
        Arrays.fill(ids, endId);
        ids[0] = startId;
        System.arraycopy(content, 0, ids, 1, kept);
        ids[1 + kept] = endId;
        return new TokenizedText(ids, content.length > MAX_CONTENT_TOKENS, kept);
    }

    /** Id of {@code <|startoftext|>} in this file (49406 in the real CLIP). */
    public long startId() {
        return startId;
    }

    /** Id of {@code <|endoftext|>}, also the padding (49407 in the real CLIP). */
    public long endId() {
        return endId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
