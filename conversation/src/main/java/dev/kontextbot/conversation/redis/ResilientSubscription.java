package dev.kontextbot.conversation.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a blocking Redis subscription alive: when the connection drops (Redis restarted, network blip) it
 * subscribes again with {@link OutageBackoff}, logging the outage and the recovery once each. The subscription
 * itself is supplied per attempt, so plain pub/sub and sharded pub/sub (Redis Cluster) can both use it.
 */
public final class ResilientSubscription implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResilientSubscription.class);

    /** One attempt: {@link #run} blocks while subscribed; {@link #stop} ends it from another thread. */
    public interface Attempt {
        void run();

        void stop();
    }

    private final String name;
    private final Function<Runnable, Attempt> attempts;
    private final OutageBackoff backoff;
    private final CountDownLatch firstSubscribe = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean subscribed;
    private Attempt current;

    private ResilientSubscription(String name, Function<Runnable, Attempt> attempts) {
        this.name = name;
        this.attempts = attempts;
        this.backoff = OutageBackoff.standard(log, name);
        this.thread = Thread.ofVirtual().name(name).unstarted(this::loop);
    }

    /**
     * Starts the loop on a virtual thread and returns at once; {@link #awaitSubscribed} waits for the first
     * subscription. {@code attempts} gets a callback to run once the attempt is subscribed (from the pub/sub's
     * onSubscribe).
     */
    public static ResilientSubscription start(String name, Function<Runnable, Attempt> attempts) {
        ResilientSubscription s = new ResilientSubscription(name, attempts);
        s.thread.start();
        return s;
    }

    /** True once the first attempt has subscribed and is still subscribed; false if not within {@code timeout}. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return firstSubscribe.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && subscribed;
    }

    /** True while an attempt is subscribed. */
    public boolean isSubscribed() {
        return subscribed;
    }

    private void loop() {
        while (!closed) {
            Attempt attempt = attempts.apply(this::onSubscribed);
            synchronized (this) {
                if (closed) {
                    return;
                }
                current = attempt;
            }
            RuntimeException failure;
            try {
                attempt.run();
                failure = new IllegalStateException("the subscription ended");
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                subscribed = false;
            }
            if (closed || !backoff.failedAndWait(failure)) {
                return;
            }
        }
    }

    private void onSubscribed() {
        subscribed = true;
        backoff.succeeded();
        firstSubscribe.countDown();
        if (closed) {
            stopCurrent();
        }
    }

    private synchronized void stopCurrent() {
        if (current != null) {
            try {
                current.stop();
            } catch (RuntimeException e) {
                log.debug("{}: stopping the subscription failed: {}", name, e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (subscribed) {
            // Unsubscribing ends the attempt cleanly; an interrupt now could cut the connection mid-reply and hand
            // the pool a connection still in subscribed mode, which the next command would misread.
            stopCurrent();
        } else {
            thread.interrupt(); // waiting in the backoff between attempts
        }
        try {
            thread.join(5000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
