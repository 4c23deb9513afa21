package dev.kontextbot.deploy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationTest {

    private final List<String> events = new ArrayList<>();

    /** A component that records what happens to it. */
    private Component recording(String name, boolean failsToStart) {
        return new Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                if (failsToStart) {
                    throw new StartupException(name + " cannot start");
                }
                events.add("start " + name);
            }

            @Override
            public void stop(Duration drain) {
                events.add("stop " + name + " " + drain.isNegative());
            }
        };
    }

    @Test
    void startsInOrderAndStopsInReverseOrderOnce() throws InterruptedException {
        Application app = new Application(List.of(recording("redis", false), recording("worker", false), recording("web", false)));

        app.start();
        app.stop(Duration.ofSeconds(5));
        app.stop(Duration.ofSeconds(5));
        app.awaitStopped();

        assertThat(events).containsExactly("start redis", "start worker", "start web",
                "stop web false", "stop worker false", "stop redis false");
    }

    @Test
    void aFailedStartStopsWhatAlreadyRunsAndReportsThePlainReason() throws InterruptedException {
        Application app = new Application(List.of(recording("redis", false), recording("worker", true), recording("web", false)));

        assertThatThrownBy(app::start).isInstanceOf(StartupException.class).hasMessage("worker cannot start");
        app.awaitStopped(); // returns at once: nothing is left running

        // The failed component is stopped too: it releases whatever it had started before failing.
        assertThat(events).containsExactly("start redis", "stop worker false", "stop redis false");
    }

    @Test
    void aComponentThatFailsToStopDoesNotKeepTheOthersRunning() {
        Component broken = new Component() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void start() {
            }

            @Override
            public void stop(Duration drain) {
                throw new IllegalStateException("boom");
            }
        };
        Application app = new Application(List.of(recording("redis", false), broken));

        app.start();
        app.stop(Duration.ZERO);

        assertThat(events).containsExactly("start redis", "stop redis false");
    }
}
