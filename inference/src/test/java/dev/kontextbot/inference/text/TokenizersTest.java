package dev.kontextbot.inference.text;

import dev.kontextbot.inference.InferenceException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in tokenizer files, loaded by DJL through the production tokenizers. */
class TokenizersTest {

    private static final String PROMPT = "Change the car color to red";

    @TempDir
    static Path dir;
    static Path clipFile;
    static Path t5File;

    @BeforeAll
    static void writeFiles() throws Exception {
        clipFile = dir.resolve("tokenizer/tokenizer.json");
        t5File = dir.resolve("tokenizer_2/tokenizer.json");
        StandInTokenizerFiles.writeClip(clipFile);
        StandInTokenizerFiles.writeT5(t5File);
    }

    @Test
    void clipLayoutIsStartContentEndThenEndPadding() throws Exception {
        try (ClipTokenizer clip = ClipTokenizer.load(clipFile)) {
            assertThat(clip.startId()).isEqualTo(49406);
            assertThat(clip.endId()).isEqualTo(49407);
            TokenizedText t = clip.encode(PROMPT);
            long[] ids = t.ids();
            assertThat(ids).hasSize(77);
            assertThat(t.truncated()).isFalse();
            // lower-cased, six whole words in the stand-in vocabulary
            assertThat(t.contentTokens()).isEqualTo(6);
            assertThat(ids[0]).isEqualTo(49406);
            assertThat(Arrays.stream(Arrays.copyOfRange(ids, 1, 7)).boxed().toList()).allSatisfy(id -> assertThat(id).isBetween(512L, 49405L));
            assertThat(Arrays.copyOfRange(ids, 7, 77)).containsOnly(49407L);
            // case does not matter to CLIP
            assertThat(clip.encode("CHANGE THE CAR COLOR TO RED").ids()).containsExactly(ids);
        }
    }

    @Test
    void clipHandlesAnyTextThroughByteSymbols() throws Exception {
        try (ClipTokenizer clip = ClipTokenizer.load(clipFile)) {
            TokenizedText t = clip.encode("Zürich – «quoted» 日本 🙂 zzqx");
            assertThat(t.ids()).hasSize(77);
            assertThat(t.contentTokens()).isGreaterThan(10);
            assertThat(Arrays.stream(Arrays.copyOfRange(t.ids(), 1, 1 + t.contentTokens())).boxed().toList())
                    .allSatisfy(id -> assertThat(id).isBetween(0L, 49405L));
            assertThat(t.ids()[1 + t.contentTokens()]).isEqualTo(49407);
            TokenizedText empty = clip.encode("");
            assertThat(empty.contentTokens()).isZero();
            assertThat(empty.ids()[0]).isEqualTo(49406);
            assertThat(empty.ids()[1]).isEqualTo(49407);
        }
    }

    @Test
    void clipTruncatesTo75ContentTokens() throws Exception {
        try (ClipTokenizer clip = ClipTokenizer.load(clipFile)) {
            TokenizedText t = clip.encode("red ".repeat(200));
            assertThat(t.truncated()).isTrue();
            assertThat(t.contentTokens()).isEqualTo(75);
            long red = clip.encode("red").ids()[1];
            assertThat(Arrays.copyOfRange(t.ids(), 1, 76)).containsOnly(red);
            assertThat(t.ids()[0]).isEqualTo(49406);
            assertThat(t.ids()[76]).isEqualTo(49407);
            TokenizedText exact = clip.encode("red ".repeat(75));
            assertThat(exact.truncated()).isFalse();
            assertThat(exact.contentTokens()).isEqualTo(75);
        }
    }

    @Test
    void t5LayoutIsContentEndThenPad() throws Exception {
        try (T5Tokenizer t5 = T5Tokenizer.load(t5File)) {
            assertThat(t5.padId()).isZero();
            assertThat(t5.endId()).isEqualTo(1);
            TokenizedText t = t5.encode(PROMPT);
            long[] ids = t.ids();
            assertThat(ids).hasSize(512);
            assertThat(t.truncated()).isFalse();
            assertThat(t.contentTokens()).isEqualTo(6); // "▁Change" "▁the" "▁car" "▁color" "▁to" "▁red"
            assertThat(Arrays.stream(Arrays.copyOfRange(ids, 0, 6)).boxed().toList()).allSatisfy(id -> assertThat(id).isGreaterThan(2L));
            assertThat(ids[6]).isEqualTo(1);
            assertThat(Arrays.copyOfRange(ids, 7, 512)).containsOnly(0L);
            assertThat(t.idsAsInts()[6]).isEqualTo(1);
        }
    }

    @Test
    void t5TruncationKeepsTheEndTokenLast() throws Exception {
        try (T5Tokenizer t5 = T5Tokenizer.load(t5File)) {
            TokenizedText t = t5.encode("make the sky blue ".repeat(300));
            assertThat(t.truncated()).isTrue();
            assertThat(t.contentTokens()).isEqualTo(511);
            assertThat(t.ids()[511]).isEqualTo(1);
            assertThat(Arrays.copyOfRange(t.ids(), 0, 511)).doesNotContain(0L, 1L);
            // a pasted novel is cut before tokenising, and still comes out as 512 ids
            assertThat(t5.encode("x ".repeat(100_000)).ids()).hasSize(512);
        }
    }

    @Test
    void unknownCharactersInT5BecomeUnk() throws Exception {
        try (T5Tokenizer t5 = T5Tokenizer.load(t5File)) {
            TokenizedText t = t5.encode("日本");
            assertThat(t.contentTokens()).isGreaterThan(0);
            assertThat(Arrays.copyOfRange(t.ids(), 0, t.contentTokens())).contains(2L);
        }
    }

    @Test
    void standInIdsStayWithinTheRealVocabularies() throws Exception {
        String clip = Files.readString(clipFile);
        assertThat(clip).contains("\"<|startoftext|>\": 49406").contains("\"<|endoftext|>\": 49407");
        assertThat(StandInMerges.byteLevelAlphabet()).hasSize(256).doesNotHaveDuplicates();
        assertThat(StandInMerges.byteLevelAlphabet().get(0)).isEqualTo("!");
        assertThat(StandInMerges.byteLevelAlphabet()).contains("\u0120"); // the space byte
        assertThat(Files.readString(t5File)).contains("[\"<pad>\", 0.0]");
    }

    @Test
    void missingOrBrokenFilesArePackageErrors() throws Exception {
        assertThatThrownBy(() -> ClipTokenizer.load(dir.resolve("nope.json")))
                .isInstanceOf(InferenceException.class).hasMessageContaining("missing")
                .satisfies(e -> assertThat(((InferenceException) e).code())
                        .isEqualTo(InferenceException.Code.MODEL_PACKAGE));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ this is not json");
        assertThatThrownBy(() -> T5Tokenizer.load(broken))
                .isInstanceOf(InferenceException.class).hasMessageContaining("cannot be loaded");
        // a valid tokenizer without the CLIP specials: the T5 file read as CLIP
        assertThatThrownBy(() -> ClipTokenizer.load(t5File))
                .isInstanceOf(InferenceException.class).hasMessageContaining("<|startoftext|>");
    }
}
