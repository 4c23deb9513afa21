package dev.kontextbot.inference.text;

import dev.kontextbot.inference.InferenceException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * FLUX.2 [klein]'s prompt as its Qwen3 text encoder takes it (BFL {@code Qwen3Embedder}, diffusers
 * {@code Flux2KleinPipeline}): one user message in Qwen3's chat template with the generation prompt on and thinking
 * off, tokenized from {@code tokenizer.json} (special tokens matched whole, the file's NFC normaliser), cut on the
 * right at 512 ids (a long prompt loses the template's end; nothing is put back) and padded on the right with
 * {@code <|endoftext|>}. The attention mask is 1 on real ids and 0 on pads.
 */
public final class Qwen3PromptTokenizer implements AutoCloseable {

    /** Ids the text encoder takes. */
    public static final int LENGTH = 512;
    public static final String PAD_TOKEN = "<|endoftext|>";
    /** The chat template around one user message, generation prompt on, thinking disabled. */
    static final String TEMPLATE_START = "<|im_start|>user\n";
    static final String TEMPLATE_END = "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n";

    private final TextEncoderTokenizer tokenizer;
    private final long padId;

    private Qwen3PromptTokenizer(TextEncoderTokenizer tokenizer, long padId) {
        this.tokenizer = tokenizer;
        this.padId = padId;
    }

    /** @throws InferenceException MODEL_PACKAGE when the file is missing, unreadable or lacks the pad token */
    public static Qwen3PromptTokenizer load(Path tokenizerJson) throws InferenceException {
        TextEncoderTokenizer t = TextEncoderTokenizer.load(tokenizerJson, "Qwen3");
        try {
            return new Qwen3PromptTokenizer(t, t.specialId(PAD_TOKEN));
        } catch (InferenceException e) {
            t.close();
            throw e;
        }
    }

    /** The text the tokenizer is given for {@code prompt}. */
    public static String chatText(String prompt) {
        return TEMPLATE_START + prompt + TEMPLATE_END;
    }

    /** The 512 ids; {@code contentTokens} counts the real ones (template included), the rest are pads. */
    public TokenizedText encode(String prompt) {
        long[] real = tokenizer.contentIds(chatText(prompt));
        boolean truncated = real.length > LENGTH;
        int count = Math.min(real.length, LENGTH);
        long[] ids = new long[LENGTH];
        Arrays.fill(ids, padId);
        System.arraycopy(real, 0, ids, 0, count);
        return new TokenizedText(ids, truncated, count);
    }

    /** The attention mask of {@code text}: 1 on its real ids, 0 on the pads. */
    public static long[] mask(TokenizedText text) {
        long[] mask = new long[text.ids().length];
        Arrays.fill(mask, 0, text.contentTokens(), 1L);
        return mask;
    }

    public long padId() {
        return padId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
