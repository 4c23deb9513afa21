package dev.kontextbot.deploy.cli;

/** Where a long-running command learns that it should stop: SIGTERM/Ctrl-C in production, a test's call in tests. */
@FunctionalInterface
public interface ShutdownSignals {

    /** Runs {@code action} once, when the process is asked to stop; the process ends after it returns. */
    void onShutdown(Runnable action);

    /** JVM shutdown hooks: SIGTERM, SIGINT (Ctrl-C), SIGHUP and System.exit. */
    static ShutdownSignals jvm() {
        return action -> Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("kontextbot-shutdown").unstarted(action));
    }
}
