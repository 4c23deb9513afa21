package dev.kontextbot.inference.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** kontext-pipeline.md §8, examples A, B and C. */
class FlowMatchScheduleTest {

    private static final double EXACT = 1e-12;

    @Test
    void exampleA_1024x1024_28Steps() {
        assertThat(FlowMatchSchedule.mu(4096)).isCloseTo(1.15, within(EXACT));
        assertThat(Math.exp(FlowMatchSchedule.mu(4096))).isCloseTo(3.158192909689767, within(EXACT));
        double[] s = FlowMatchSchedule.sigmas(28, 4096);
        assertThat(s).hasSize(29);
        assertThat(s[0]).isEqualTo(1.0);
        assertThat(s[1]).isCloseTo(0.988408647372945, within(EXACT));
        assertThat(s[2]).isCloseTo(0.9762224670641205, within(EXACT));
        assertThat(s[27]).isCloseTo(0.1047208935610676, within(EXACT));
        assertThat(s[28]).isEqualTo(0.0);
        assertThat(s[1] - s[0]).isCloseTo(-0.011591352627055018, within(EXACT));
        double[] eightDp = {1.0, 0.98840865, 0.97622247, 0.96339447, 0.94987257, 0.93559891, 0.920509, 0.90453077,
                0.88758339, 0.86957593, 0.85040571, 0.82995637, 0.80809545, 0.78467158, 0.75951092, 0.73241287,
                0.70314471, 0.67143487, 0.63696451, 0.59935675, 0.55816282, 0.5128441, 0.46274841, 0.40707842,
                0.34484892, 0.27482798, 0.19545459, 0.10472089, 0.0};
        for (int k = 0; k < eightDp.length; k++) {
            assertThat(s[k]).as("sigma %d", k).isCloseTo(eightDp[k], within(1e-8));
        }
    }

    @Test
    void exampleB_30Steps() {
        double[] s = FlowMatchSchedule.sigmas(30, 4096);
        assertThat(s).hasSize(31);
        assertThat(s[0]).isEqualTo(1.0);
        assertThat(s[1]).isCloseTo(0.9891994169771282, within(EXACT));
        assertThat(s[2]).isCloseTo(0.977883299375431, within(EXACT));
        assertThat(s[29]).isCloseTo(0.09820803421880567, within(EXACT));
        assertThat(s[30]).isEqualTo(0.0);
    }

    @Test
    void exampleC_1392x752() {
        int seq = 47 * 87;
        assertThat(FlowMatchSchedule.mu(seq)).isCloseTo(1.1488151041666665, within(EXACT));
        double[] s = FlowMatchSchedule.sigmas(28, seq);
        assertThat(s[1]).isCloseTo(0.9883950641702818, within(EXACT));
        assertThat(s[2]).isCloseTo(0.9761949475449162, within(EXACT));
        assertThat(s[27]).isCloseTo(0.10460985634884554, within(EXACT));
        assertThat(s[28]).isEqualTo(0.0);
    }

    @Test
    void muIsLinearBetweenTheAnchors() {
        assertThat(FlowMatchSchedule.mu(256)).isCloseTo(0.5, within(EXACT));
        assertThat(FlowMatchSchedule.mu(2176)).isCloseTo(0.825, within(EXACT));
    }

    @Test
    void sigmasDecreaseStrictly() {
        double[] s = FlowMatchSchedule.sigmas(4, 1024);
        for (int k = 1; k < s.length; k++) {
            assertThat(s[k]).isLessThan(s[k - 1]);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> FlowMatchSchedule.sigmas(0, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlowMatchSchedule.mu(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
