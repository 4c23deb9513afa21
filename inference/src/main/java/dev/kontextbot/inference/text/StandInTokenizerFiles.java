package dev.kontextbot.inference.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small but valid {@code tokenizer.json} files for the stand-in model package, in the formats of the
 * real ones so the same loading code runs:
 * <ul>
 *   <li>CLIP ({@link StandInClipJson}): byte-level BPE with a {@code </w>} word suffix, the real special ids.</li>
 *   <li>T5 ({@link StandInT5Json}): SentencePiece-style Unigram with the real special ids.</li>
 *   <li>Qwen3 ({@link StandInQwen3Json}): byte-level BPE without a word suffix, the chat template's special
 *   tokens at their real ids.</li>
 * </ul>
 * The vocabularies are made up here ({@link StandInWords}, {@link StandInMerges}); the ids they give mean nothing to
 * a real encoder.
 */
public final class StandInTokenizerFiles {

    /** Real CLIP special ids. */
    public static final int CLIP_START_ID = 49406;
    public static final int CLIP_END_ID = 49407;

    /** Real Qwen3 special ids (the chat template's and the pad token). */
    public static final int QWEN_ENDOFTEXT_ID = 151643;
    public static final int QWEN_IM_START_ID = 151644;
    public static final int QWEN_IM_END_ID = 151645;
    public static final int QWEN_THINK_ID = 151667;
    public static final int QWEN_THINK_END_ID = 151668;

    private StandInTokenizerFiles() {
    }

    /** Writes the stand-in CLIP tokenizer.json, creating parent folders. */
    public static void writeClip(Path file) throws IOException {
        write(file, StandInClipJson.json());
    }

    /** Writes the stand-in T5 tokenizer.json, creating parent folders. */
    public static void writeT5(Path file) throws IOException {
        write(file, StandInT5Json.json());
    }

    /**
     * Writes a stand-in of Qwen3's {@code tokenizer/} folder into {@code folder}: a {@code tokenizer.json} in the
     * real format (NFC, Qwen's split pattern, byte-level BPE without a word suffix, the chat template's special
     * tokens at their real ids) with a few hundred made-up merges, and a {@code tokenizer_config.json}.
     */
    public static void writeQwen3(Path folder) throws IOException {
        write(folder.resolve("tokenizer.json"), StandInQwen3Json.json());
        write(folder.resolve("tokenizer_config.json"), StandInQwen3Json.CONFIG);
    }

    private static void write(Path file, String json) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }
}
