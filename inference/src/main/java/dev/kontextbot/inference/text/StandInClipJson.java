package dev.kontextbot.inference.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in CLIP {@code tokenizer.json}: byte-level BPE with NFC, whitespace folding and lower-casing, CLIP's split
 * pattern, {@code </w>} word suffix; ids 0-255 are the 256 byte symbols, 256-511 the same with {@code </w>}, then a
 * few hundred merged sub-words of common English words; {@code <|startoftext|>} = 49406 and {@code <|endoftext|>} =
 * 49407 as in the real file. Every id is below 49408.
 */
final class StandInClipJson {

    private StandInClipJson() {
    }

    static String json() {
        List<String> byteSymbols = StandInMerges.byteLevelAlphabet();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : byteSymbols) {
            vocab.put(s, vocab.size());
        }
        for (String s : byteSymbols) {
            vocab.put(s + "</w>", vocab.size());
        }
        // Each word merged into one token. The words are ASCII lower case, whose byte-level symbols are the
        // characters themselves.
        Map<String, Integer> mergeRanks = new LinkedHashMap<>();
        for (String word : StandInWords.words()) {
            StandInMerges.mergeIntoOne(initialSymbols(word), mergeRanks, vocab);
        }
        vocab.put(ClipTokenizer.START_TOKEN, StandInTokenizerFiles.CLIP_START_ID);
        vocab.put(ClipTokenizer.END_TOKEN, StandInTokenizerFiles.CLIP_END_ID);

        StringBuilder json = new StringBuilder(64 * 1024);
        TokenizerJson.appendHeader(json, List.of(
                TokenizerJson.addedToken(StandInTokenizerFiles.CLIP_START_ID, ClipTokenizer.START_TOKEN, true),
                TokenizerJson.addedToken(StandInTokenizerFiles.CLIP_END_ID, ClipTokenizer.END_TOKEN, true)));
        json.append("""
                "normalizer": {"type": "Sequence", "normalizers": [
                  {"type": "NFC"},
                  {"type": "Replace", "pattern": {"Regex": "\\\\s+"}, "content": " "},
                  {"type": "Lowercase"}]},
                "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                  {"type": "Split", "pattern": {"Regex": \
                "<\\\\|startoftext\\\\|>|<\\\\|endoftext\\\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\\\p{L}]+|[\\\\p{N}]|[^\\\\s\\\\p{L}\\\\p{N}]+"}, \
                "behavior": "Removed", "invert": true},
                  {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]},
                "post_processor": {"type": "RobertaProcessing", "sep": ["<|endoftext|>", 49407], \
                "cls": ["<|startoftext|>", 49406], "trim_offsets": false, "add_prefix_space": false},
                "decoder": {"type": "BPEDecoder", "suffix": "</w>"},
                """);
        json.append("\"model\": {\"type\": \"BPE\", \"dropout\": null, \"unk_token\": \"<|endoftext|>\", ")
                .append("\"continuing_subword_prefix\": \"\", \"end_of_word_suffix\": \"</w>\", ")
                .append("\"fuse_unk\": false, \"byte_fallback\": false,\n\"vocab\": {");
        TokenizerJson.appendBpe(json, vocab, mergeRanks.keySet());
        return json.toString();
    }

    /** A word's BPE starting symbols: its characters, the last with the {@code </w>} suffix. */
    private static List<String> initialSymbols(String word) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            symbols.add(word.charAt(i) + (i == word.length() - 1 ? "</w>" : ""));
        }
        return symbols;
    }
}
