package dev.kontextbot.inference.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Byte-level BPE pieces for the stand-in tokenizers: GPT-2's byte symbols and merges made up per word. */
final class StandInMerges {

    private StandInMerges() {
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

    /**
     * Adds merges so that {@code start} ends up as one token: run BPE with the merges so far and, while it is still
     * in pieces, append a merge of its first two pieces (and the merged piece to {@code vocab}). Appended merges rank
     * after all earlier ones, so they never change how an earlier word is merged.
     */
    static void mergeIntoOne(List<String> start, Map<String, Integer> mergeRanks, Map<String, Integer> vocab) {
        List<String> pieces = applyMerges(start, mergeRanks);
        while (pieces.size() > 1) {
            mergeRanks.put(pieces.get(0) + " " + pieces.get(1), mergeRanks.size());
            vocab.putIfAbsent(pieces.get(0) + pieces.get(1), vocab.size());
            pieces = applyMerges(start, mergeRanks);
        }
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
}
