package dev.kontextbot.inference.text;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parts of a {@code tokenizer.json} every stand-in shares: the header, added tokens, a BPE model, strings. */
final class TokenizerJson {

    private TokenizerJson() {
    }

    /** The file's opening up to and including the {@code added_tokens} list. */
    static void appendHeader(StringBuilder json, List<String> addedTokens) {
        json.append("{\n\"version\": \"1.0\",\n\"truncation\": null,\n\"padding\": null,\n");
        json.append("\"added_tokens\": [\n");
        json.append(String.join(",\n", addedTokens)).append("\n],\n");
    }

    /** The BPE model's vocab and merges, closing the model and the file. */
    static void appendBpe(StringBuilder json, Map<String, Integer> vocab, Set<String> merges) {
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

    static String addedToken(int id, String content, boolean normalized) {
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
