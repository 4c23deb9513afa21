package dev.kontextbot.core.region;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.region.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionWordsTest {

    private final RegionWords words = new RegionWords();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "only the top-left quarter: make the sky red|make the sky red|0,0,320,240",
            "make the sky red, only in the top right corner|make the sky red|320,0,320,240",
            "add a bird in the bottom half only|add a bird|0,240,640,240",
            "just the middle: add a red balloon|add a red balloon|160,120,320,240",
            "only the left third of the picture, make it snow|make it snow|0,0,214,480",
            "only 100,150,300,200 add a bird|add a bird|100,150,300,200"})
    void anInstructionLimitedToAnAreaIsSplitIntoBoth(String text, String instruction, String box) throws Exception {
        RegionWords.Limited limited = words.limited(text).orElseThrow();
        assertThat(limited.instruction()).isEqualTo(instruction);
        assertThat(limited.region().box(640, 480)).isEqualTo(Box.parse(box));
        assertThat(words.area(limited.areaWords())).contains(limited.region());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "make the left half of the sky blue",
            "add a sign that says only the best",
            "only the top-left quarter"})
    void instructionsThatDoNotLimitThemselvesStayWhole(String text) {
        assertThat(words.limited(text)).isEmpty();
    }

    @Test
    void anAreaAloneIsReadForTheTool() throws Exception {
        assertThat(words.area("top-left quarter").orElseThrow().box(640, 480)).isEqualTo(new Box(0, 0, 320, 240));
        assertThat(words.area("bottom half").orElseThrow().box(640, 480)).isEqualTo(new Box(0, 240, 640, 240));
        assertThat(words.area("somewhere nice")).isEmpty();
    }

    /** Any text: an area or none, never a NumberFormatException (or any other) from reading a box's numbers. */
    @Test
    void noTextMakesItThrow() {
        RegionWords words = new RegionWords();
        java.util.Random random = new java.util.Random(24);
        String alphabet = "0123456789,, \u0661\u0662\uff11\uff12onlyjust:the top half";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            org.assertj.core.api.Assertions.assertThatCode(() -> {
                words.area(t);
                words.limited("only " + t + ": make it red");
            }).as(t).doesNotThrowAnyException();
        }
        org.assertj.core.api.Assertions.assertThat(words.area("99999,99999,99999,99999")).get()
                .isInstanceOf(RegionSpec.Pixels.class);
    }
}
