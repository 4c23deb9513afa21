package dev.kontextbot.core.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeepUntouchedTest {

    @Test
    void autoKeepsForOneObjectAndNotForStylesOrScenes() {
        assertThat(KeepUntouched.AUTO.keeps(List.of("Add a red hat"), Optional.empty())).isTrue();
        assertThat(KeepUntouched.AUTO.keeps(List.of("Add a red hat", "Make it night"), Optional.empty())).isFalse();
        assertThat(KeepUntouched.AUTO.keeps(List.of("Transform to Bauhaus art style"), Optional.empty())).isFalse();
        assertThat(KeepUntouched.ON.keeps(List.of("Make it night"), Optional.empty())).isTrue();
        assertThat(KeepUntouched.OFF.keeps(List.of("Add a red hat"), Optional.empty())).isFalse();
    }

    @Test
    void anObjectNamedWithOnlyKeepsTheRestAndStaysInTheInstruction() {
        KeepUntouched.Said sign = KeepUntouched.words("only the sign: make it say 'OPEN'");
        assertThat(sign.keep()).contains(true);
        assertThat(sign.instruction()).isEqualTo("only the sign: make it say 'OPEN'");
        assertThat(KeepUntouched.words("change only her hair to red").keep()).contains(true);
        assertThat(KeepUntouched.words("make it red, just the car").keep()).contains(true);
        assertThat(KeepUntouched.OFF.keeps(List.of("Make it say 'OPEN'"), sign.keep())).isTrue();
    }

    @Test
    void wordsInTheMessageTurnItOnOrOffAndLeaveTheInstruction() {
        KeepUntouched.Said keep = KeepUntouched.words("make the sky purple, keep the rest unchanged");
        assertThat(keep.instruction()).isEqualTo("make the sky purple");
        assertThat(keep.keep()).contains(true);
        assertThat(KeepUntouched.OFF.keeps(List.of("Make the sky purple"), keep.keep())).isTrue();

        KeepUntouched.Said whole = KeepUntouched.words("add a hat and change the whole picture");
        assertThat(whole.instruction()).isEqualTo("add a hat");
        assertThat(whole.keep()).contains(false);

        assertThat(KeepUntouched.words("add a hat").keep()).isEmpty();
        assertThat(KeepUntouched.words("the only dog in the park").keep()).isEmpty();
        assertThat(KeepUntouched.parse("auto")).isEqualTo(KeepUntouched.AUTO);
    }
}
