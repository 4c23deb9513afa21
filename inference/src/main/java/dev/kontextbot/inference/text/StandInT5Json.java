package dev.kontextbot.inference.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in T5 {@code tokenizer.json}: SentencePiece-style Unigram with a Metaspace ({@code ▁}) pre-tokenizer;
 * {@code <pad>} = 0, {@code </s>} = 1, {@code <unk>} = 2 as in the real file, then single characters and whole-word
 * pieces; a few hundred pieces in all (the real vocabulary has 32128).
 */
final class StandInT5Json {

    private StandInT5Json() {
    }

    static String json() {
        Map<String, Double> pieces = new LinkedHashMap<>();
        pieces.put(T5Tokenizer.PAD_TOKEN, 0.0);
        pieces.put(T5Tokenizer.END_TOKEN, 0.0);
        pieces.put("<unk>", 0.0);
        pieces.put("\u2581", -2.0);
        // Whole words beat spelling them out letter by letter (-5 against -2 - 10 per letter).
        for (String word : StandInWords.words()) {
            pieces.putIfAbsent("\u2581" + word, -5.0);
            String capital = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            pieces.putIfAbsent("\u2581" + capital, -6.0);
        }
        String singles = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'\"()-_/&%$#@+=*<>[]";
        for (int i = 0; i < singles.length(); i++) {
            pieces.putIfAbsent(String.valueOf(singles.charAt(i)), -10.0);
        }

        StringBuilder json = new StringBuilder(32 * 1024);
        TokenizerJson.appendHeader(json, List.of(
                TokenizerJson.addedToken(0, T5Tokenizer.PAD_TOKEN, false),
                TokenizerJson.addedToken(1, T5Tokenizer.END_TOKEN, false),
                TokenizerJson.addedToken(2, "<unk>", false)));
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
            json.append(first ? "\n" : ",\n").append('[').append(TokenizerJson.quote(e.getKey())).append(", ")
                    .append(e.getValue()).append(']');
            first = false;
        }
        json.append("]}\n}\n");
        return json.toString();
    }
}
