package dev.kontextbot.prompts;

import java.util.List;

/**
 * Keeps an instruction within what the T5 text encoder reads: the pipeline hard-truncates at 512 tokens
 * (BFL load_t5(max_length=512)), so anything beyond is silently ignored. Without the tokenizer at hand,
 * tokens are estimated from characters, rounding up and counting the end-of-sequence token.
 */
final class T5Length {

    static final int MAX_T5_TOKENS = 512;
    static final int CHARS_PER_TOKEN_ESTIMATE = 4;
    private static final int EOS_TOKENS = 1;

    int estimatedTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN_ESTIMATE - 1) / CHARS_PER_TOKEN_ESTIMATE + EOS_TOKENS;
    }

    boolean fits(String text) {
        return estimatedTokens(text) <= MAX_T5_TOKENS;
    }

    int maxChars() {
        return (MAX_T5_TOKENS - EOS_TOKENS) * CHARS_PER_TOKEN_ESTIMATE;
    }

    /** The longest start of the text that fits, cut at a word boundary and never inside a quoted span. */
    String shortened(String text) {
        if (fits(text)) {
            return text;
        }
        int cut = text.lastIndexOf(' ', maxChars());
        if (cut <= 0) {
            cut = maxChars();
        }
        List<QuotedText.Span> spans = QuotedText.spans(text);
        for (QuotedText.Span span : spans) {
            if (span.start() < cut && cut < span.end() && span.start() > 0) {
                cut = span.start();
            }
        }
        return text.substring(0, cut).replaceAll("[\\s,;:]+(?:and|or|with|while|the|a|an)?$", "").stripTrailing();
    }
}
