package dev.kontextbot.prompts;

import java.util.List;

/**
 * Keeps an instruction within what the T5 text encoder reads: the pipeline hard-truncates at 512 tokens
 * (BFL load_t5(max_length=512)), so anything beyond is silently ignored. Without the tokenizer at hand the
 * count is estimated, erring high: about 4 characters per token for ASCII text, and a whole token for every
 * other character (T5's vocabulary has few non-Latin pieces, so such text tokenizes nearly per character),
 * plus the end-of-sequence token.
 */
final class T5Length {

    static final int MAX_T5_TOKENS = 512;
    static final int CHARS_PER_TOKEN_ESTIMATE = 4;
    private static final int EOS_TOKENS = 1;

    int estimatedTokens(String text) {
        int ascii = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 128) {
                ascii++;
            } else {
                other++;
            }
            i += Character.charCount(cp);
        }
        return (ascii + CHARS_PER_TOKEN_ESTIMATE - 1) / CHARS_PER_TOKEN_ESTIMATE + other + EOS_TOKENS;
    }

    boolean fits(String text) {
        return estimatedTokens(text) <= MAX_T5_TOKENS;
    }

    /** The most ASCII characters that fit. */
    int maxChars() {
        return (MAX_T5_TOKENS - EOS_TOKENS) * CHARS_PER_TOKEN_ESTIMATE;
    }

    /**
     * The longest start of the text that fits, cut at a word boundary (or anywhere, for text without spaces
     * such as Chinese) and never inside a quoted span.
     */
    String shortened(String text) {
        if (fits(text)) {
            return text;
        }
        int longest = longestFittingPrefix(text);
        int cut = text.lastIndexOf(' ', longest);
        if (cut < longest / 2) {
            cut = longest;
        }
        if (Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        List<QuotedText.Span> spans = QuotedText.spans(text);
        for (QuotedText.Span span : spans) {
            if (span.start() < cut && cut < span.end() && span.start() > 0) {
                cut = span.start();
            }
        }
        return text.substring(0, cut).replaceAll("[\\s,;:]+(?:and|or|with|while|the|a|an)?$", "").stripTrailing();
    }

    // The estimate only grows with the prefix, so a binary search finds the longest prefix that fits.
    private int longestFittingPrefix(String text) {
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (fits(text.substring(0, mid))) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
