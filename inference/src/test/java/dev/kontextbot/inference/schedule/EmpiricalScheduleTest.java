package dev.kontextbot.inference.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmpiricalScheduleTest {

    @Test
    void muInterpolatesTheTwoFitsBySteps() {
        // At 10 and 200 steps mu is the fit itself; 4 steps lies beyond the 10-step fit on the same line.
        int tokens = 4096;
        assertThat(EmpiricalSchedule.mu(tokens, 10)).isCloseTo(EmpiricalSchedule.A1 * tokens + EmpiricalSchedule.B1,
                within(1e-12));
        assertThat(EmpiricalSchedule.mu(tokens, 200)).isCloseTo(EmpiricalSchedule.A2 * tokens + EmpiricalSchedule.B2,
                within(1e-12));
        double m10 = EmpiricalSchedule.mu(tokens, 10);
        double m200 = EmpiricalSchedule.mu(tokens, 200);
        assertThat(EmpiricalSchedule.mu(tokens, 4)).isCloseTo(m10 - 6 * (m200 - m10) / 190, within(1e-12));
    }

    @Test
    void aboveTheSwitchOnlyThe200StepFitCounts() {
        assertThat(EmpiricalSchedule.mu(4301, 4)).isEqualTo(EmpiricalSchedule.mu(4301, 50))
                .isCloseTo(0.00016927 * 4301 + 0.45666666, within(1e-12));
        assertThat(EmpiricalSchedule.mu(4300, 4)).isNotEqualTo(EmpiricalSchedule.mu(4300, 50));
    }

    @Test
    void sigmasRunFromOneToZeroThroughTheShift() {
        double[] s = EmpiricalSchedule.sigmas(4, 4096);
        assertThat(s).hasSize(5);
        assertThat(s[0]).isEqualTo(1.0);
        assertThat(s[4]).isEqualTo(0.0);
        double e = Math.exp(EmpiricalSchedule.mu(4096, 4));
        assertThat(s[2]).isCloseTo(e / (e + 1.0), within(1e-15));
        for (int i = 1; i < s.length; i++) {
            assertThat(s[i]).isLessThan(s[i - 1]);
        }
    }
}
