package dev.kontextbot.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompoundSplitterTest {

    private final CompoundSplitter splitter = new CompoundSplitter(KontextPromptRules.DEFAULT_MAX_EDITS);

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("first make it night, after that add a full moon", List.of("make it night", "add a full moon")),
                Arguments.of("zoom out a bit and show more of the street", List.of("zoom out a bit and show more of the street")),
                Arguments.of("put a hat on the dog, then make it snow", List.of("put a hat on the dog", "make it snow")),
                Arguments.of("make the cat black and white", List.of("make the cat black and white")),
                Arguments.of("add salt and pepper shakers", List.of("add salt and pepper shakers")),
                Arguments.of("give him a black and red scarf", List.of("give him a black and red scarf")),
                Arguments.of("make her smile and keep the background unchanged",
                        List.of("make her smile and keep the background unchanged")),
                Arguments.of("add a vase between the book and the lamp", List.of("add a vase between the book and the lamp")),
                Arguments.of("add a tree next to the house", List.of("add a tree next to the house")),
                Arguments.of("change the sky to sunset and after that add birds", List.of("change the sky to sunset", "add birds")),
                Arguments.of("add a boat; make the water calm", List.of("add a boat", "make the water calm")),
                Arguments.of("remove the car and then add a bicycle, finally make it rain",
                        List.of("remove the car", "add a bicycle", "make it rain")),
                Arguments.of("add fog and make it darker", List.of("add fog", "make it darker")),
                Arguments.of("zoom in a little and focus on the face", List.of("zoom in a little and focus on the face")),
                Arguments.of("change the sign to 'FIRST, THEN LAST' and make the sky red",
                        List.of("change the sign to 'FIRST, THEN LAST'", "make the sky red")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void splitsOnlyBetweenWholeInstructions(String typed, List<String> expected) {
        assertThat(splitter.split(typed)).containsExactlyElementsOf(expected);
    }

    @Test
    void refusesMoreThanTheCapWithAPlainMessage() {
        CompoundSplitter capped = new CompoundSplitter(3);
        String four = "add a hat, then add a scarf, then add gloves, then add boots";

        assertThatThrownBy(() -> capped.split(four))
                .isInstanceOf(TooManyEditsException.class)
                .hasMessageContaining("at most 3");
        assertThat(capped.split("add a hat, then add a scarf, then add gloves")).hasSize(3);
    }

    @Test
    void theRulesRefuseAnOverlongCompoundBeforeRewritingAnything() {
        KontextPromptRules rules = new KontextPromptRules(2);

        assertThatThrownBy(() -> rules.prepare("add a hat, then add a scarf, then add gloves"))
                .isInstanceOf(TooManyEditsException.class);
        assertThat(rules.prepare("add a hat, then add a scarf").parts()).containsExactly("add a hat", "add a scarf");
    }

    @Test
    void workGrowsLinearlyWithTheLengthOfTheRequest() {
        // Thousands of joints that never split: the old splitter re-read the whole rest of the text at each one.
        // Counted, not timed: the verb test sees a bounded window, so the characters it reads grow linearly.
        String small = "make it " + "red and ".repeat(500) + "blue";
        String large = "make it " + "red and ".repeat(10_000) + "blue";

        assertThat(splitter.split(small)).hasSize(1);
        assertThat(splitter.split(large)).hasSize(1);
        assertThat(splitter.charactersExamined(large))
                .isLessThanOrEqualTo(25 * splitter.charactersExamined(small));
    }
}
