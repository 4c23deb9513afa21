package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a worker's claim on every job it holds, every {@code every}, and marks the jobs it lost or whose cancel was
 * asked. A worker not heard from within {@code silence} counts as stopped.
 */
final class WorkerHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(WorkerHeartbeat.class);
    /** How long {@link #stop} waits for a heartbeat in flight before the worker signs off. */
    private static final Duration JOIN = Duration.ofSeconds(5);

    private final JobQueue queue;
    private final String workerId;
    private final List<WorkerSlot> held;
    private final Duration every;
    private final Duration silence;
    private volatile boolean beating = true;
    private Thread thread;

    WorkerHeartbeat(JobQueue queue, String workerId, List<WorkerSlot> held, Duration every, Duration silence) {
        this.queue = queue;
        this.workerId = workerId;
        this.held = held;
        this.every = every;
        this.silence = silence;
    }

    /** Beats once now, then every {@code every} on a virtual thread. */
    void start() {
        beatOnce();
        thread = Thread.ofVirtual().name("job-heartbeat-" + workerId).start(this::loop);
    }

    /** Stops beating; a heartbeat in flight would mark the worker alive again after it signed off, so it is awaited. */
    void stop() {
        beating = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(JOIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (beating) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            if (beating) {
                beatOnce();
            }
        }
    }

    private void beatOnce() {
        List<WorkerSlot> slots = List.copyOf(held);
        try {
            List<Long> states = queue.heartbeat(workerId, slots.stream().map(s -> s.held).toList(), silence);
            for (int i = 0; i < slots.size(); i++) {
                long state = states.get(i);
                if (state < 0) {
                    slots.get(i).lost = true;
                } else if (state == 1) {
                    slots.get(i).cancel = true;
                }
            }
        } catch (StoreUnavailableException e) {
            log.warn("Worker {} heartbeat missed: {}", workerId, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Worker {} heartbeat failed", workerId, e);
        }
    }
}
