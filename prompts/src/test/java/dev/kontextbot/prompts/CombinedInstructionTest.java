package dev.kontextbot.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinedInstructionTest {

    private final CombinedInstruction combiner = new CombinedInstruction();

    @Test
    void stepsBecomeOneListInPathOrder() {
        CombinedInstruction.Combined c = combiner.combine(List.of("make the sky purple", "add a red hat",
                "put a bird on the fence"));

        assertThat(c.instruction()).isEqualTo("Make the sky purple, add a red hat and put a bird on the fence");
        assertThat(c.steps()).containsExactly("make the sky purple", "add a red hat", "put a bird on the fence");
        assertThat(c.typed()).isEqualTo("make the sky purple, add a red hat, put a bird on the fence");
    }

    @Test
    void repeatsAreDroppedKeepingTheFirstInItsPlace() {
        CombinedInstruction.Combined c = combiner.combine(List.of("add a red hat", "make the sky purple",
                "Add a red hat.", "please add a red hat", "  ", "make the sky purple"));

        assertThat(c.steps()).containsExactly("add a red hat", "make the sky purple");
        assertThat(c.instruction()).isEqualTo("Add a red hat and make the sky purple");
    }

    @Test
    void eachStepIsRewrittenAsTheRulesWouldAndCapitalisedWordsContinueTheSentence() {
        CombinedInstruction.Combined c = combiner.combine(List.of("Add a lamp", "change \"OPEN\" to \"CLOSED\"",
                "transform the car into a tank", "I want a TV on the wall"));

        assertThat(c.instruction()).isEqualTo("Add a lamp, replace 'OPEN' with 'CLOSED', change the car into a tank "
                + "and I want a TV on the wall");
    }

    @Test
    void oneClosingClauseSaysWhatToKeep() {
        assertThat(combiner.combine(List.of("make her hair blonde", "add a red hat")).instruction())
                .isEqualTo("Make her hair blonde and add a red hat while keeping her facial features and pose unchanged");
        assertThat(combiner.combine(List.of("add a red hat", "make it look like a watercolor painting")).instruction())
                .isEqualTo("Add a red hat and make it look like a watercolor painting while maintaining the original "
                        + "composition");
        assertThat(combiner.combine(List.of("make her smile while keeping the background", "add a hat"))
                .instruction()).isEqualTo("Make her smile while keeping the background and add a hat");
    }

    @Test
    void aSingleStepIsThatStep() {
        assertThat(combiner.combine(List.of("add a red balloon.")).instruction()).isEqualTo("Add a red balloon");
    }

    @Test
    void nothingToReplayIsAPlainError() {
        assertThatThrownBy(() -> combiner.combine(List.of(" ", "please")))
                .isInstanceOf(InvalidInstructionException.class)
                .hasMessageContaining("no edits to replay");
    }

    @Test
    void aCombinationPastTheTextEncodersLimitIsRefusedInPlainWordsNotCut() {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            steps.add("add a small wooden birdhouse number " + i + " on the old oak tree in the garden");
        }

        assertThatThrownBy(() -> combiner.combine(steps))
                .isInstanceOfSatisfying(InstructionTooLongException.class,
                        e -> assertThat(e.estimatedTokens()).isGreaterThan(T5Length.MAX_T5_TOKENS))
                .hasMessageContaining("The 60 edits since the original are too long to replay as one instruction")
                .hasMessageContaining("at most 512")
                .hasMessageContaining("'re-anchor'");
        // Just under the limit still combines, in full.
        List<String> fewer = Collections.nCopies(1, String.join(" ", Collections.nCopies(200, "red")));
        assertThat(combiner.combine(fewer).instruction()).endsWith("red");
    }
}
