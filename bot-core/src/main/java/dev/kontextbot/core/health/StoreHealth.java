package dev.kontextbot.core.health;

import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.chat.BotHealth;

/** Whether the shared state answers and a worker serves the queue (for /readyz and the playground's banner). */
public final class StoreHealth implements BotHealth {

    private final StateServices state;
    private final JobQueue queue;

    public StoreHealth(StateServices state) {
        this.state = state;
        this.queue = state.queue();
    }

    @Override
    public boolean storeReachable() {
        return state.reachable();
    }

    @Override
    public boolean canServeJobs() {
        try {
            return queue.liveWorkers() > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        if (!storeReachable()) {
            return "Redis is not reachable";
        }
        return canServeJobs() ? "ready" : "no worker is serving the queue";
    }
}
