package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final ProgressThrottle throttle = new ProgressThrottle(clock, ProgressThrottle.DISCORD_INTERVAL);

    @Test
    void atMostOneEditPerIntervalPerJob() {
        assertThat(throttle.tryPass("job-1")).isTrue();
        clock.advance(Duration.ofMillis(700));
        assertThat(throttle.tryPass("job-1")).isFalse();
        clock.advance(Duration.ofMillis(799));
        assertThat(throttle.tryPass("job-1")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.tryPass("job-1")).isTrue();
        // The dropped updates did not move the window: the next pass is 1.5 s after the last one that passed.
        clock.advance(Duration.ofMillis(1499));
        assertThat(throttle.tryPass("job-1")).isFalse();
    }

    @Test
    void jobsAreThrottledApart() {
        assertThat(throttle.tryPass("job-1")).isTrue();
        assertThat(throttle.tryPass("job-2")).isTrue();
        assertThat(throttle.tryPass("job-1")).isFalse();
    }

    @Test
    void aFinishedJobStartsAfresh() {
        assertThat(throttle.tryPass("job-1")).isTrue();
        throttle.finish("job-1");
        assertThat(throttle.tryPass("job-1")).isTrue();
    }

    @Test
    void oldEntriesAreForgotten() {
        throttle.tryPass("lost-job");
        clock.advance(Duration.ofHours(2));
        throttle.tryPass("job-2");
        assertThat(throttle.tracked()).isEqualTo(1);
    }
}
