package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.ResilientSubscription;
import java.time.Duration;
import java.util.List;

/** Subscriptions that each resubscribe by themselves after an outage; closing ends them all. */
record ResilientListening(List<ResilientSubscription> subscriptions) implements ProgressTransport.Listening {

    @Override
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ResilientSubscription s : subscriptions) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!s.awaitSubscribed(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        subscriptions.forEach(ResilientSubscription::close);
    }
}
