package dev.kontextbot.inference.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in Qwen3 {@code tokenizer.json} and {@code tokenizer_config.json}: NFC, Qwen's split pattern, byte-level
 * BPE without a word suffix, the chat template's special tokens at their real ids, and a few hundred made-up merges.
 */
final class StandInQwen3Json {

    /** {@code tokenizer_config.json}: the chat template's end and pad tokens, no BOS or EOS added. */
    static final String CONFIG = """
            {"tokenizer_class": "Qwen2Tokenizer", "model_max_length": 131072, "eos_token": "<|im_end|>",
             "pad_token": "<|endoftext|>", "bos_token": null, "add_bos_token": false, "add_eos_token": false,
             "errors": "replace", "clean_up_tokenization_spaces": false, "split_special_tokens": false}
            """;

    private StandInQwen3Json() {
    }

    static String json() {
        List<String> byteSymbols = StandInMerges.byteLevelAlphabet();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : byteSymbols) {
            vocab.put(s, vocab.size());
        }
        // Each word, and each word after a space (U+0120), merged into one token.
        Map<String, Integer> mergeRanks = new LinkedHashMap<>();
        for (String word : StandInWords.words()) {
            for (String form : List.of(word, "\u0120" + word)) {
                List<String> start = new ArrayList<>();
                form.codePoints().forEach(c -> start.add(Character.toString(c)));
                StandInMerges.mergeIntoOne(start, mergeRanks, vocab);
            }
        }
        StringBuilder json = new StringBuilder(64 * 1024);
        TokenizerJson.appendHeader(json, List.of(
                TokenizerJson.addedToken(StandInTokenizerFiles.QWEN_ENDOFTEXT_ID, "<|endoftext|>", false),
                TokenizerJson.addedToken(StandInTokenizerFiles.QWEN_IM_START_ID, "<|im_start|>", false),
                TokenizerJson.addedToken(StandInTokenizerFiles.QWEN_IM_END_ID, "<|im_end|>", false),
                TokenizerJson.addedToken(StandInTokenizerFiles.QWEN_THINK_ID, "<think>", false),
                TokenizerJson.addedToken(StandInTokenizerFiles.QWEN_THINK_END_ID, "</think>", false)));
        json.append("""
                "normalizer": {"type": "NFC"},
                "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                  {"type": "Split", "pattern": {"Regex": \
                "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?\\\\p{L}+|\\\\p{N}| ?[^\\\\s\\\\p{L}\\\\p{N}]+[\\\\r\\\\n]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+"}, \
                "behavior": "Isolated", "invert": false},
                  {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false}]},
                "post_processor": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, \
                "use_regex": false},
                "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false},
                """);
        json.append("\"model\": {\"type\": \"BPE\", \"dropout\": null, \"unk_token\": null, ")
                .append("\"continuing_subword_prefix\": \"\", \"end_of_word_suffix\": \"\", ")
                .append("\"fuse_unk\": false, \"byte_fallback\": false, \"ignore_merges\": false,\n\"vocab\": {");
        TokenizerJson.appendBpe(json, vocab, mergeRanks.keySet());
        return json.toString();
    }
}
