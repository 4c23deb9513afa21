package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.model.ModelInterface;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded package's sessions by role, and everything else opened with them (options, tokenizers), closed together
 * in reverse order of opening. A family fills the roles it has: klein's Qwen3 text encoder takes the {@code T5} role
 * (the large text encoder, the one opened on demand in the low-memory mode) and leaves {@code CLIP} empty.
 */
final class SessionSet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSet.class);

    private final Map<ModelInterface, SessionRunner> runners = new EnumMap<>(ModelInterface.class);
    private final List<AutoCloseable> owned = new ArrayList<>();

    /** Something to close with the sessions (after everything registered later). */
    <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    void put(ModelInterface role, SessionRunner runner) {
        runners.put(role, runner);
    }

    SessionRunner get(ModelInterface role) {
        SessionRunner r = runners.get(role);
        if (r == null) {
            throw new IllegalStateException("no " + role.plainName() + " session in this family");
        }
        return r;
    }

    /** Session time of {@code role} since it was last taken (0 for a role this family does not have). */
    long takeNanos(ModelInterface role) {
        SessionRunner r = runners.get(role);
        return r == null ? 0 : r.takeNanos();
    }

    /** Calling-thread CPU time inside every session since last taken. */
    long takeCpuNanos() {
        long sum = 0;
        for (SessionRunner r : runners.values()) {
            sum += r.takeCpuNanos();
        }
        return sum;
    }

    /** Zeroes every counter a job reads, before the job. */
    void resetCounters() {
        for (SessionRunner r : runners.values()) {
            r.takeNanos();
            r.takeCpuNanos();
        }
    }

    long runs(ModelInterface role) {
        SessionRunner r = runners.get(role);
        return r == null ? 0 : r.runs();
    }

    long opens(ModelInterface role) {
        SessionRunner r = runners.get(role);
        return r == null ? 0 : r.opens();
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", owned.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        owned.clear();
    }
}
