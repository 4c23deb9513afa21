package dev.kontextbot.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermListsTest {

    @TempDir
    Path dir;

    @Test
    void termsMatchAsWholeWordsIgnoringCaseAccentsAndPunctuation() throws Exception {
        Files.writeString(dir.resolve("en.txt"), "# comment\nbad word\nzap  # trailing comment\n");
        Files.writeString(dir.resolve("fr.txt"), "déshabille la\n");
        TermLists lists = TermLists.fromFolder(dir);

        assertThat(lists.size()).isEqualTo(3);
        assertThat(lists.screen("please add a BAD-word here", true).flagged()).isTrue();
        assertThat(lists.screen("a badword", true).flagged()).isFalse();
        assertThat(lists.screen("zapping the sky", true).flagged()).isFalse();
        assertThat(lists.screen("Zap!", true).flagged()).isTrue();
        ScreenVerdict french = lists.screen("Deshabille-la maintenant", false);
        assertThat(french.flagged()).isTrue();
        assertThat(french.reason()).isEqualTo("term list fr: \"deshabille la\"");
    }

    @Test
    void theBuiltInListsLoadAndCanBeWrittenOutForEditing() throws Exception {
        TermLists builtIn = TermLists.builtIn();
        assertThat(builtIn.size()).isGreaterThan(20);
        assertThat(builtIn.screen("make the sky purple", true).flagged()).isFalse();
        TermLists.writeBuiltIn(dir);
        Files.writeString(dir.resolve("en.txt"), "only this\n");
        TermLists.writeBuiltIn(dir);
        assertThat(Files.readString(dir.resolve("en.txt"))).isEqualTo("only this\n");
        assertThat(dir.resolve("de.txt")).exists();
    }
}
