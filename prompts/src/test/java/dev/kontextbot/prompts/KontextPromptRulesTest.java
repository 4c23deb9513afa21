package dev.kontextbot.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KontextPromptRulesTest {

    private final KontextPromptRules rules = new KontextPromptRules();

    static Stream<Arguments> examples() {
        return Stream.of(
                // text edits
                Arguments.of("replace \"joy\" with \"BFL\"", List.of("Replace 'joy' with 'BFL'")),
                Arguments.of("Replace 'joy' with 'BFL'", List.of("Replace 'joy' with 'BFL'")),
                Arguments.of("change \"Joy\" to \"bfl\"", List.of("Replace 'Joy' with 'bfl'")),
                Arguments.of("change the text from 'SALE' to 'SOLD OUT'", List.of("Replace 'SALE' with 'SOLD OUT'")),
                Arguments.of("\"CLOSED\" -> \"OPEN\"", List.of("Replace 'CLOSED' with 'OPEN'")),
                Arguments.of("change the sign to 'OPEN'", List.of("Change the text on the sign to 'OPEN'")),
                Arguments.of("change the sign to \"OPEN\"", List.of("Change the text on the sign to 'OPEN'")),
                Arguments.of("make the sign say “Welcome Home”", List.of("Change the text on the sign to 'Welcome Home'")),
                Arguments.of("make the sign say undo", List.of("Change the text on the sign to 'undo'")),
                Arguments.of("change her shirt to say \"I <3 NY\"", List.of("Change the text on her shirt to 'I <3 NY'")),
                Arguments.of("make The Ritz sign read Grand Opening", List.of("Change the text on the Ritz sign to 'Grand Opening'")),
                Arguments.of("change the text to 'hello WORLD'", List.of("Change the text to 'hello WORLD'")),
                Arguments.of("replace \"Joe's\" with \"Ann's\"", List.of("Replace \"Joe's\" with \"Ann's\"")),
                Arguments.of("please replace 'joy' with 'BFL' on the mug, thanks",
                        List.of("Replace 'joy' with 'BFL' on the mug")),
                // preservation
                Arguments.of("make her smile",
                        List.of("Make the woman smile while keeping her facial features, hairstyle and pose unchanged")),
                Arguments.of("make him look older",
                        List.of("Make the man look older while keeping his hairstyle and pose unchanged")),
                Arguments.of("give the person a red scarf",
                        List.of("Give the person a red scarf while keeping their facial features, hairstyle and pose unchanged")),
                Arguments.of("make her hair blonde",
                        List.of("Make her hair blonde while keeping her facial features and pose unchanged")),
                Arguments.of("make her smile while keeping the background", List.of("Make her smile while keeping the background")),
                Arguments.of("remove the man on the left", List.of("Remove the man on the left")),
                Arguments.of("change the background to a snowy forest",
                        List.of("Change the background to a snowy forest while keeping the subject in the exact same position, scale and pose")),
                Arguments.of("make the car red", List.of("Make the car red")),
                Arguments.of("add a small red balloon.", List.of("Add a small red balloon")),
                // transform
                Arguments.of("transform her hat into a crown",
                        List.of("Change her hat into a crown while keeping her facial features, hairstyle and pose unchanged")),
                Arguments.of("transform the car into a tank", List.of("Change the car into a tank")),
                Arguments.of("transform to Bauhaus art style",
                        List.of("Transform to Bauhaus art style while maintaining the original composition")),
                Arguments.of("make it look like a watercolor painting",
                        List.of("Make it look like a watercolor painting while maintaining the original composition")),
                Arguments.of("make it a pencil sketch",
                        List.of("Make it a pencil sketch while maintaining the original composition")),
                Arguments.of("make it a beach at night", List.of("Make it a beach at night")),
                Arguments.of("transform the image into anime style",
                        List.of("Transform the image into anime style while maintaining the original composition")),
                Arguments.of("convert to pixel art style, keep the composition",
                        List.of("Convert to pixel art style, keep the composition")),
                // compound splitting
                Arguments.of("add sunglasses and make the background a beach",
                        List.of("Add sunglasses", "Make the background a beach while keeping the subject in the exact same position, scale and pose")),
                Arguments.of("add a hat, then make the sky purple", List.of("Add a hat", "Make the sky purple")),
                Arguments.of("Add a dog. Make the sky orange.", List.of("Add a dog", "Make the sky orange")),
                Arguments.of("add a hat and then remove the lamp and make the wall blue",
                        List.of("Add a hat", "Remove the lamp", "Make the wall blue")),
                Arguments.of("make it black and white", List.of("Make it black and white")),
                Arguments.of("add salt and pepper to the table", List.of("Add salt and pepper to the table")),
                Arguments.of("give it a rock and roll vibe", List.of("Give it a rock and roll vibe")),
                Arguments.of("add a hat and a scarf", List.of("Add a hat and a scarf")),
                Arguments.of("add a lamp and mirror", List.of("Add a lamp and mirror")),
                Arguments.of("add a table and set of chairs", List.of("Add a table and set of chairs")),
                Arguments.of("make her smile and wave",
                        List.of("Make the woman smile and wave while keeping her facial features and hairstyle unchanged")),
                Arguments.of("replace 'salt and make' with 'pepper'", List.of("Replace 'salt and make' with 'pepper'")),
                Arguments.of("change the sign to 'EAT, THEN SLEEP' and make the sky red",
                        List.of("Change the text on the sign to 'EAT, THEN SLEEP'", "Make the sky red")),
                Arguments.of("the sky should be red and add birds", List.of("The sky should be red and add birds")),
                Arguments.of("remove the hat and make her smile while keeping the background",
                        List.of("Remove the hat", "Make her smile while keeping the background")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void rewritesExample(String typed, List<String> expected) {
        assertThat(rules.prepare(typed).edits()).containsExactlyElementsOf(expected);
    }

    @Test
    void notesSayWhyTheRequestWasSplit() {
        PreparedInstruction prepared = rules.prepare("add sunglasses and make the background a beach");

        assertThat(prepared.notes()).anyMatch(n -> n.contains("Split into 2 edits"));
        assertThat(prepared.shortened()).isFalse();
    }

    @Test
    void unchangedInstructionHasNoNotes() {
        assertThat(rules.prepare("make the car red").notes()).isEmpty();
    }

    @Test
    void tooLongInstructionIsShortenedAtAWordBoundaryWithANote() {
        String longText = "make the sky " + "very ".repeat(600) + "blue";

        PreparedInstruction prepared = rules.prepare(longText);

        String edit = prepared.edits().getFirst();
        assertThat(prepared.shortened()).isTrue();
        assertThat(edit.length()).isLessThanOrEqualTo(T5Length.MAX_T5_TOKENS * T5Length.CHARS_PER_TOKEN_ESTIMATE);
        assertThat(edit).startsWith("Make the sky very").endsWith("very");
        assertThat(new T5Length().fits(edit)).isTrue();
        assertThat(prepared.notes()).anyMatch(n -> n.contains("512 tokens"));
    }

    @Test
    void instructionAtTheLimitIsKeptWhole() {
        String atLimit = "make the sky " + "x".repeat(new T5Length().maxChars() - "make the sky ".length());

        PreparedInstruction prepared = rules.prepare(atLimit);

        assertThat(prepared.shortened()).isFalse();
        assertThat(prepared.edits().getFirst()).hasSize(new T5Length().maxChars());
    }

    @Test
    void shorteningNeverCutsInsideQuotes() {
        String quote = "'" + "WORD ".repeat(30).strip() + "'";
        String text = "write " + "a".repeat(2000) + " then " + quote;

        String edit = rules.prepare(text).edits().getFirst();

        assertThat(edit).doesNotContain("'");
        assertThat(new T5Length().fits(edit)).isTrue();
    }

    @Test
    void textWithoutSpacesIsCountedConservativelyAndCut() {
        String chinese = "把天空变成粉红色".repeat(100);

        PreparedInstruction prepared = rules.prepare(chinese);

        String edit = prepared.edits().getFirst();
        assertThat(prepared.shortened()).isTrue();
        assertThat(edit).hasSize(T5Length.MAX_T5_TOKENS - 1);
        assertThat(chinese).startsWith(edit);
    }

    @Test
    void blankInputIsATypedError() {
        assertThatThrownBy(() -> rules.prepare("   "))
                .isInstanceOf(InvalidInstructionException.class)
                .hasMessageContaining("what to change");
    }
}
