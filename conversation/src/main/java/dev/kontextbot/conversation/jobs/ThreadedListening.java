package dev.kontextbot.conversation.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Subscriptions each held by a virtual thread blocked in (S)SUBSCRIBE; closing unsubscribes and joins them. */
record ThreadedListening(CountDownLatch subscribed, List<Thread> threads, BooleanSupplier allSubscribed,
        Runnable unsubscribe) implements ProgressTransport.Listening {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && allSubscribed.getAsBoolean();
    }

    @Override
    public void close() throws InterruptedException {
        unsubscribe.run();
        for (Thread thread : threads) {
            thread.join(JOIN_TIMEOUT);
        }
    }
}
