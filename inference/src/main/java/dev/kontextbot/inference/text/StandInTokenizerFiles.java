package dev.kontextbot.inference.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes small but valid {@code tokenizer.json} files for the stand-in model package, in the formats of the
 * real ones so the same loading code runs:
 * <ul>
 *   <li>CLIP: byte-level BPE with NFC, whitespace folding and lower-casing, CLIP's split pattern,
 *   {@code </w>} word suffix; ids 0-255 are the 256 byte symbols, 256-511 the same with {@code </w>}, then
 *   a few hundred merged sub-words of common English words; {@code <|startoftext|>} = 49406 and
 *   {@code <|endoftext|>} = 49407 as in the real file. Every id is below 49408.</li>
 *   <li>T5: SentencePiece-style Unigram with a Metaspace ({@code ▁}) pre-tokenizer; {@code <pad>} = 0,
 *   {@code </s>} = 1, {@code <unk>} = 2 as in the real file, then single characters and whole-word pieces;
 *   a few hundred pieces in all (the real vocabulary has 32128).</li>
 * </ul>
 * The vocabularies are made up here; the ids they give mean nothing to a real encoder.
 */
public final class StandInTokenizerFiles {

    /** Real CLIP special ids. */
    public static final int CLIP_START_ID = 49406;
    public static final int CLIP_END_ID = 49407;

    private static final String WORDS = """
            a an the of to in on at by for with from and or but not no is are be was it its this that these
            those there here as into onto over under above below behind near next left right top bottom
            front back side center middle up down make change turn replace remove add put keep preserve
            maintain same style color colour red green blue yellow orange purple pink black white gray grey
            brown gold silver dark light bright car cat dog man woman person people child girl boy face
            hair eyes smile glasses sunglasses hat shirt dress coat jacket shoes background sky sun moon
            cloud clouds tree trees flower flowers grass water sea beach mountain city street house room
            wall window door table chair sign text word words letter font logo photo image picture
            painting drawing sketch cartoon anime watercolor oil realistic vintage modern old new small big
            large tall short long happy sad angry expression pose position scale while keeping exact
            facial features hairstyle identity character reference transform into convert version
            night day morning evening winter summer snow rain fire smoke light shadow lighting sunset
            sunrise bauhaus viking warrior robot wearing holding sitting standing walking running
            clothes shoes beard mustache open closed more less very slightly much""";

    private StandInTokenizerFiles() {
    }

    /** Writes the stand-in CLIP tokenizer.json, creating parent folders. */
    public static void writeClip(Path file) throws IOException {
        write(file, clipJson());
    }

    /** Writes the stand-in T5 tokenizer.json, creating parent folders. */
    public static void writeT5(Path file) throws IOException {
        write(file, t5Json());
    }

    private static void write(Path file, String json) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static List<String> words() {
        Set<String> words = new LinkedHashSet<>();
        for (String w : WORDS.strip().split("\\s+")) {
            words.add(w);
        }
        return new ArrayList<>(words);
    }

    // ---- CLIP ----------------------------------------------------------------------------------------

    static String clipJson() {
        List<String> byteSymbols = byteLevelAlphabet();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : byteSymbols) {
            vocab.put(s, vocab.size());
        }
        for (String s : byteSymbols) {
            vocab.put(s + "</w>", vocab.size());
        }
        // Merges are added so that each word ends up as one token: run BPE on the word with the merges so far
        // and, while it is still in pieces, append a merge of its first two pieces. Appended merges rank
        // after all earlier ones, so they never change how an earlier word is merged. The words are ASCII
        // lower case, whose byte-level symbols are the characters themselves.
        Map<String, Integer> mergeRanks = new LinkedHashMap<>();
        for (String word : words()) {
            List<String> pieces = applyMerges(initialSymbols(word), mergeRanks);
            while (pieces.size() > 1) {
                mergeRanks.put(pieces.get(0) + " " + pieces.get(1), mergeRanks.size());
                vocab.putIfAbsent(pieces.get(0) + pieces.get(1), vocab.size());
                pieces = applyMerges(initialSymbols(word), mergeRanks);
            }
        }
        Set<String> merges = mergeRanks.keySet();
        vocab.put(ClipTokenizer.START_TOKEN, CLIP_START_ID);
        vocab.put(ClipTokenizer.END_TOKEN, CLIP_END_ID);

        StringBuilder json = new StringBuilder(64 * 1024);
        json.append("{\n\"version\": \"1.0\",\n\"truncation\": null,\n\"padding\": null,\n");
        json.append("\"added_tokens\": [\n");
        json.append(addedToken(CLIP_START_ID, ClipTokenizer.START_TOKEN, true)).append(",\n");
        json.append(addedToken(CLIP_END_ID, ClipTokenizer.END_TOKEN, true)).append("\n],\n");
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
        appendBpe(json, vocab, merges);
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

    /** BPE as the tokenizer runs it: repeatedly merge the adjacent pair of lowest rank (leftmost on ties). */
    private static List<String> applyMerges(List<String> symbols, Map<String, Integer> ranks) {
        List<String> pieces = new ArrayList<>(symbols);
        while (pieces.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < pieces.size(); i++) {
                Integer rank = ranks.get(pieces.get(i) + " " + pieces.get(i + 1));
                if (rank != null && rank < bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            if (best < 0) {
                break;
            }
            pieces.set(best, pieces.get(best) + pieces.remove(best + 1));
        }
        return pieces;
    }

    /**
     * GPT-2's byte-to-unicode table, in id order: the printable bytes map to themselves, the other 68 to
     * U+0100 upwards, so every byte has a visible symbol (space becomes U+0120).
     */
    static List<String> byteLevelAlphabet() {
        List<Integer> bytes = new ArrayList<>();
        List<Integer> chars = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bytes.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bytes.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bytes.add(b);
        }
        chars.addAll(bytes);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            if (!bytes.contains(b)) {
                bytes.add(b);
                chars.add(256 + extra++);
            }
        }
        List<String> symbols = new ArrayList<>(256);
        for (int c : chars) {
            symbols.add(String.valueOf((char) c));
        }
        return symbols;
    }

    // ---- T5 ------------------------------------------------------------------------------------------

    static String t5Json() {
        Map<String, Double> pieces = new LinkedHashMap<>();
        pieces.put(T5Tokenizer.PAD_TOKEN, 0.0);
        pieces.put(T5Tokenizer.END_TOKEN, 0.0);
        pieces.put("<unk>", 0.0);
        pieces.put("\u2581", -2.0);
        // Whole words beat spelling them out letter by letter (-5 against -2 - 10 per letter).
        for (String word : words()) {
            pieces.putIfAbsent("\u2581" + word, -5.0);
            String capital = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            pieces.putIfAbsent("\u2581" + capital, -6.0);
        }
        String singles = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'\"()-_/&%$#@+=*<>[]";
        for (int i = 0; i < singles.length(); i++) {
            pieces.putIfAbsent(String.valueOf(singles.charAt(i)), -10.0);
        }

        StringBuilder json = new StringBuilder(32 * 1024);
        json.append("{\n\"version\": \"1.0\",\n\"truncation\": null,\n\"padding\": null,\n");
        json.append("\"added_tokens\": [\n");
        json.append(addedToken(0, T5Tokenizer.PAD_TOKEN, false)).append(",\n");
        json.append(addedToken(1, T5Tokenizer.END_TOKEN, false)).append(",\n");
        json.append(addedToken(2, "<unk>", false)).append("\n],\n");
        json.append("""
                "normalizer": {"type": "Sequence", "normalizers": [
                  {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]},
                "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                  {"type": "WhitespaceSplit"},
                  {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": true}]},
                "post_processor": {"type": "TemplateProcessing",
                  "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                  "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}},
                           {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                  "special_tokens": {"</s>": {"id": "</s>", "ids": [1], "tokens": ["</s>"]}}},
                "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": true},
                """);
        json.append("\"model\": {\"type\": \"Unigram\", \"unk_id\": 2, \"byte_fallback\": false,\n\"vocab\": [");
        boolean first = true;
        for (Map.Entry<String, Double> e : pieces.entrySet()) {
            json.append(first ? "\n" : ",\n").append('[').append(quote(e.getKey())).append(", ")
                    .append(e.getValue()).append(']');
            first = false;
        }
        json.append("]}\n}\n");
        return json.toString();
    }

    // ---- Qwen3 ---------------------------------------------------------------------------------------

    /** Real Qwen3 special ids (the chat template's and the pad token). */
    public static final int QWEN_ENDOFTEXT_ID = 151643;
    public static final int QWEN_IM_START_ID = 151644;
    public static final int QWEN_IM_END_ID = 151645;
    public static final int QWEN_THINK_ID = 151667;
    public static final int QWEN_THINK_END_ID = 151668;

    /**
     * Writes a stand-in of Qwen3's {@code tokenizer/} folder into {@code folder}: a {@code tokenizer.json} in the
     * real format (NFC, Qwen's split pattern, byte-level BPE without a word suffix, the chat template's special
     * tokens at their real ids) with a few hundred made-up merges, and a {@code tokenizer_config.json}.
     */
    public static void writeQwen3(Path folder) throws IOException {
        write(folder.resolve("tokenizer.json"), qwen3Json());
        write(folder.resolve("tokenizer_config.json"), """
                {"tokenizer_class": "Qwen2Tokenizer", "model_max_length": 131072, "eos_token": "<|im_end|>",
                 "pad_token": "<|endoftext|>", "bos_token": null, "add_bos_token": false, "add_eos_token": false,
                 "errors": "replace", "clean_up_tokenization_spaces": false, "split_special_tokens": false}
                """);
    }

    static String qwen3Json() {
        List<String> byteSymbols = byteLevelAlphabet();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : byteSymbols) {
            vocab.put(s, vocab.size());
        }
        // Each word, and each word after a space (U+0120), merged into one token as in clipJson.
        Map<String, Integer> mergeRanks = new LinkedHashMap<>();
        for (String word : words()) {
            for (String form : List.of(word, "\u0120" + word)) {
                List<String> start = new ArrayList<>();
                form.codePoints().forEach(c -> start.add(Character.toString(c)));
                List<String> pieces = applyMerges(start, mergeRanks);
                while (pieces.size() > 1) {
                    mergeRanks.put(pieces.get(0) + " " + pieces.get(1), mergeRanks.size());
                    vocab.putIfAbsent(pieces.get(0) + pieces.get(1), vocab.size());
                    pieces = applyMerges(start, mergeRanks);
                }
            }
        }
        StringBuilder json = new StringBuilder(64 * 1024);
        json.append("{\n\"version\": \"1.0\",\n\"truncation\": null,\n\"padding\": null,\n");
        json.append("\"added_tokens\": [\n");
        json.append(addedToken(QWEN_ENDOFTEXT_ID, "<|endoftext|>", false)).append(",\n");
        json.append(addedToken(QWEN_IM_START_ID, "<|im_start|>", false)).append(",\n");
        json.append(addedToken(QWEN_IM_END_ID, "<|im_end|>", false)).append(",\n");
        json.append(addedToken(QWEN_THINK_ID, "<think>", false)).append(",\n");
        json.append(addedToken(QWEN_THINK_END_ID, "</think>", false)).append("\n],\n");
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
        appendBpe(json, vocab, mergeRanks.keySet());
        return json.toString();
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    /** The BPE model's vocab and merges, closing the model and the file. */
    private static void appendBpe(StringBuilder json, Map<String, Integer> vocab, Set<String> merges) {
        boolean first = true;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            json.append(first ? "\n" : ",\n").append(quote(e.getKey())).append(": ").append(e.getValue());
            first = false;
        }
        json.append("},\n\"merges\": [");
        first = true;
        for (String merge : merges) {
            json.append(first ? "\n" : ",\n").append(quote(merge));
            first = false;
        }
        json.append("]}\n}\n");
    }

    private static String addedToken(int id, String content, boolean normalized) {
        return "{\"id\": " + id + ", \"content\": " + quote(content) + ", \"single_word\": false, \"lstrip\": false,"
                + " \"rstrip\": false, \"normalized\": " + normalized + ", \"special\": true}";
    }

    /** A JSON string literal; non-ASCII as \\u escapes so the file is plain ASCII. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
