package dev.kontextbot.deploy.app;

import java.time.Duration;

/** A part of the running bot that {@link Application} starts and stops: Redis, the worker, an adapter. */
public interface Component {

    /** Short name for start-up lines and logs, e.g. "redis" or "telegram". */
    String name();

    /**
     * Starts the component; throw {@link StartupException} with a plain message when it cannot. After a failed
     * start {@link #stop} is called on this component too, so it must release whatever it had started.
     */
    void start();

    /**
     * Stops taking new work, lets work in flight finish (or returns it to the queue) within {@code drain},
     * then releases resources (native sessions, connections, child processes). Must not throw; must be safe
     * after a partial start and when called twice.
     */
    void stop(Duration drain);
}
