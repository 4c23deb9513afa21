package dev.kontextbot.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kontextbot.core.chat.ConversationViews.DriftPart;
import dev.kontextbot.core.chat.ConversationViews.DriftView;
import dev.kontextbot.inference.drift.Drift;
import dev.kontextbot.inference.drift.FaceDrift;
import org.junit.jupiter.api.Test;

class DriftGaugesTest {

    private final DriftGauges gauges = new DriftGauges();

    @Test
    void smallDriftIsBelowTheThresholdsWithNoHint() {
        DriftView view = gauges.of(new Drift(2, -2, 1, 0.05).encode(), "v1").orElseThrow();

        assertThat(view.parts()).extracting(DriftPart::key).containsExactly("colour", "detail");
        DriftPart colour = view.parts().get(0);
        assertThat(colour.value()).isEqualTo("3.0");
        assertThat(colour.level()).isCloseTo(3.0 / DriftNotes.COLOUR_THRESHOLD, within(1e-9));
        assertThat(colour.past()).isFalse();
        assertThat(colour.words()).isEqualTo("Colours have shifted by 3.0 levels (of 255) on average since v1; "
                + "the hint comes past 8.");
        DriftPart detail = view.parts().get(1);
        assertThat(detail.value()).isEqualTo("-5%");
        assertThat(detail.level()).isCloseTo(0.2, within(1e-9));
        assertThat(detail.words()).startsWith("5% of v1's fine detail is gone");
        assertThat(view.past()).isFalse();
        assertThat(view.hint()).isEmpty();
        assertThat(view.summary()).isEqualTo("drift: colour 3.0, detail -5%");
    }

    @Test
    void pastAThresholdTheGaugeSaysSoWithTheSameHintAsHistory() {
        String stored = new Drift(9, 0, 0, 0.3).encode();
        DriftView view = gauges.of(stored, "v2").orElseThrow();

        assertThat(view.parts()).allSatisfy(p -> assertThat(p.past()).isTrue());
        assertThat(view.past()).isTrue();
        assertThat(view.hint()).isEqualTo(new DriftNotes().hint(stored, "v2"));
        assertThat(view.hint().orElseThrow()).isEqualTo("Colours and fine detail have drifted since v2: say 're-anchor' "
                + "to bring the colours back, or 'replay from the start' to redo the edits from v2 as one.");
        assertThat(gauges.of(new Drift(1, 0, 0, 0.4).encode(), "v1").orElseThrow().hint()).contains(
                "Fine detail has drifted since v1: say 'replay from the start' to redo the edits from v1 as one.");
        assertThat(gauges.of(new Drift(9, 0, 0, 0).encode(), "v1").orElseThrow().hint()).contains(
                "Colours have drifted since v1: say 're-anchor' to bring the colours back.");
    }

    @Test
    void moreDetailThanTheRootIsNoLossAndHugeFiguresAreCapped() {
        DriftPart sharper = gauges.of(new Drift(0, 0, 0, -0.12).encode(), "v1").orElseThrow().parts().get(1);
        assertThat(sharper.value()).isEqualTo("+12%");
        assertThat(sharper.level()).isZero();
        assertThat(sharper.words()).startsWith("12% more fine detail than v1");

        DriftPart noise = gauges.of(new Drift(0, 0, 0, -130).encode(), "v1").orElseThrow().parts().get(1);
        assertThat(noise.value()).isEqualTo(">+999%");
    }

    @Test
    void facesAreAThirdPartOnlyWhenTheyWereMeasured() {
        assertThat(gauges.of(new Drift(1, 0, 0, 0).encode(), "v1").orElseThrow().parts()).hasSize(2);
        assertThat(gauges.of(new Drift(1, 0, 0, 0).withFaces(new FaceDrift.NoFace()).encode(), "v1").orElseThrow()
                .parts()).hasSize(2);

        DriftView changed = gauges.of(new Drift(1, 0, 0, 0).withFaces(new FaceDrift.Measured(0.45, 1, 0)).encode(),
                "v1").orElseThrow();
        DriftPart faces = changed.parts().get(2);
        assertThat(faces.key()).isEqualTo("faces");
        assertThat(faces.value()).isEqualTo("0.45");
        assertThat(faces.level()).isCloseTo(1.5, within(1e-9));
        assertThat(faces.past()).isTrue();
        assertThat(changed.hint()).hasValueSatisfying(h -> assertThat(h).contains("The face has changed since v1"));

        DriftPart gone = gauges.of(new Drift(1, 0, 0, 0).withFaces(new FaceDrift.Measured(1, 1, 1)).encode(), "v1")
                .orElseThrow().parts().get(2);
        assertThat(gone.words()).startsWith("A face from v1 can no longer be found");
    }

    @Test
    void aRecordThisBuildCannotReadShowsNoGauge() {
        assertThat(gauges.of("not,a,drift", "v1")).isEmpty();
        assertThat(gauges.of("a,b,c,d", "v1")).isEmpty();
    }
}
