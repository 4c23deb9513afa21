package dev.kontextbot.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.drift.Drift;
import dev.kontextbot.inference.drift.FaceDrift;
import org.junit.jupiter.api.Test;

/** The drift gauge and hints in words, for each state of the face measure. */
class DriftNotesTest {

    private final DriftNotes notes = new DriftNotes();
    private final Drift small = new Drift(1, 0, 0, 0.05);

    @Test
    void theGaugeShowsTheFaceFigureOnlyWhenMeasured() {
        assertThat(notes.gauge(small.encode())).isEqualTo("drift: colour 1.0, detail -5%");
        assertThat(notes.gauge(small.withFaces(FaceDrift.NO_FACE).encode()))
                .isEqualTo("drift: colour 1.0, detail -5%, no face");
        assertThat(notes.gauge(small.withFaces(new FaceDrift.Measured(0.1234, 1, 0)).encode()))
                .isEqualTo("drift: colour 1.0, detail -5%, faces 0.12");
        // A record stored before the face measure existed
        assertThat(notes.gauge("1.000,0.000,0.000,0.0500")).isEqualTo("drift: colour 1.0, detail -5%");
    }

    @Test
    void aFacePastTheThresholdGetsItsOwnHint() {
        assertThat(notes.hint(small.withFaces(new FaceDrift.Measured(0.29, 1, 0)).encode(), "v1")).isEmpty();
        assertThat(notes.hint(small.withFaces(new FaceDrift.Measured(0.45, 2, 0)).encode(), "v1")).contains(
                "The face has changed since v1 (faces 0.45): say 'back to v1' to return to it, or 'undo' to drop"
                        + " the last edit.");
        assertThat(notes.hint(small.withFaces(new FaceDrift.Measured(1.0, 1, 1)).encode(), "v1").orElseThrow())
                .startsWith("A face from v1 can no longer be found");
    }

    @Test
    void colourAndFaceHintsComeTogether() {
        Drift both = new Drift(12, 0, 0, 0, new FaceDrift.Measured(0.5, 1, 0));
        assertThat(notes.hint(both.encode(), "v1").orElseThrow())
                .contains("Colours have drifted since v1: say 're-anchor'")
                .contains("\nThe face has changed since v1");
        assertThat(notes.hint(new Drift(12, 0, 0, 0, FaceDrift.NO_FACE).encode(), "v1").orElseThrow())
                .doesNotContain("face");
    }
}
