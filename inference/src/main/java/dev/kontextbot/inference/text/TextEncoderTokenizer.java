package dev.kontextbot.inference.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.InferenceException.Code;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The DJL HuggingFace tokenizer underneath {@link ClipTokenizer} and {@link T5Tokenizer}: loads a
 * {@code tokenizer.json} with special tokens, truncation and padding switched off (the callers lay the
 * sequence out themselves) and looks special-token ids up in the file.
 */
final class TextEncoderTokenizer implements AutoCloseable {

    /**
     * Prompts are cut to this many characters before tokenising: far more than 512 tokens' worth, so the
     * result is unchanged, but a pasted novel cannot make tokenisation slow.
     */
    static final int MAX_CHARS = 20_000;

    private final HuggingFaceTokenizer tokenizer;
    private final String what;

    private TextEncoderTokenizer(HuggingFaceTokenizer tokenizer, String what) {
        this.tokenizer = tokenizer;
        this.what = what;
    }

    static TextEncoderTokenizer load(Path tokenizerJson, String what) throws InferenceException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new InferenceException(Code.MODEL_PACKAGE, "The " + what + " tokenizer file " + tokenizerJson
                    + " is missing.");
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            return new TextEncoderTokenizer(tokenizer, what);
        } catch (IOException | RuntimeException e) {
            throw new InferenceException(Code.MODEL_PACKAGE, "The " + what + " tokenizer file " + tokenizerJson
                    + " cannot be loaded: " + firstLine(e), e);
        }
    }

    /** Makes a caller's tokenizer from the loaded file and the ids of its two special tokens. */
    @FunctionalInterface
    interface WithSpecials<T> {
        T create(TextEncoderTokenizer tokenizer, long firstId, long secondId);
    }

    /**
     * Loads {@code tokenizerJson}, looks up {@code firstToken} and {@code secondToken} and hands all three to
     * {@code create}; the native tokenizer is closed again when a special token is missing.
     */
    static <T> T load(Path tokenizerJson, String what, String firstToken, String secondToken,
                      WithSpecials<T> create) throws InferenceException {
        TextEncoderTokenizer tokenizer = load(tokenizerJson, what);
        try {
            return create.create(tokenizer, tokenizer.specialId(firstToken), tokenizer.specialId(secondToken));
        } catch (InferenceException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Token ids of {@code text} without any special tokens. */
    long[] contentIds(String text) {
        String bounded = text == null ? "" : text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return tokenizer.encode(bounded, false, false).getIds();
    }

    /** The id of a special token as the file defines it (added_tokens / vocab). */
    long specialId(String token) throws InferenceException {
        long[] ids;
        try {
            ids = tokenizer.encode(token, false, false).getIds();
        } catch (RuntimeException e) {
            ids = new long[0];
        }
        if (ids.length != 1) {
            throw new InferenceException(Code.MODEL_PACKAGE, "The " + what + " tokenizer file does not define the"
                    + " special token " + token + ".");
        }
        return ids[0];
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
