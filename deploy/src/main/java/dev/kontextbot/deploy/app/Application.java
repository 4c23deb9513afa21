package dev.kontextbot.deploy.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the start and stop of the bot's components: starts them in order, stops them in reverse order (so
 * front ends stop taking work before the worker drains and before Redis goes away), and shares one drain
 * budget between them.
 */
public final class Application {

    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final List<Component> components;
    private final List<Component> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;

    public Application(List<Component> components) {
        this.components = List.copyOf(components);
    }

    /** Starts every component; when one fails, stops those already started and rethrows. */
    public synchronized void start() {
        for (Component component : components) {
            try {
                component.start();
                started.add(component);
                log.debug("Started {}", component.name());
            } catch (RuntimeException e) {
                log.debug("Starting {} failed", component.name(), e);
                // All or nothing: the failed component releases what it had started, then the others stop.
                stopQuietly(component, Duration.ZERO);
                stopStarted(Duration.ZERO);
                stopped.countDown();
                throw e;
            }
        }
    }

    /** Stops the started components in reverse order within {@code drain} in total. Idempotent. */
    public void stop(Duration drain) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            stopStarted(drain);
        }
        stopped.countDown();
    }

    /** Blocks until {@link #stop} has finished (or start failed). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void stopStarted(Duration drain) {
        Instant deadline = Instant.now().plus(drain);
        for (int i = started.size() - 1; i >= 0; i--) {
            Component component = started.get(i);
            Duration left = Duration.between(Instant.now(), deadline);
            if (stopQuietly(component, left.isNegative() ? Duration.ZERO : left)) {
                log.info("Stopped {}", component.name());
            }
        }
        started.clear();
    }

    private static boolean stopQuietly(Component component, Duration drain) {
        try {
            component.stop(drain);
            return true;
        } catch (RuntimeException e) {
            log.warn("Stopping {} failed: {}", component.name(), e.getMessage(), e);
            return false;
        }
    }
}
