package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.OutageBackoff;
import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads the completions of one platform as a member of the consumer group {@code frontends}, so results that
 * finished while every front end was down are delivered when one starts. Delivery is at least once: before the
 * handler runs, a {@code sending} marker is set; after it returned, one script records the delivered marker and
 * acknowledges the entry. An entry found again with its {@code sending} marker (its front end stopped mid-send, or
 * the send failed) may have reached its user, so it is handed over as {@link Completion#maybeDelivered}, for the
 * front end to say so instead of repeating it blindly. Entries older than {@code maxAge} are dropped with a log
 * line. Entries another front end read and never acknowledged are taken over after {@code claimIdle}; while this
 * consumer holds an entry (queued or being sent, however long a flood-limit wait takes) it renews the entry, so a
 * live front end's delivery is never taken over. With lanes, entries are handed over on one bounded queue per key
 * (a chat), so one slow chat does not hold up the others; an entry whose lane is full stays in the stream for a
 * later round. See docs/jobs.md.
 */
public final class DeliveryConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConsumer.class);
    /** Dead letters kept for an operator to look at; older ones are trimmed. */
    static final long DEAD_LETTER_CAP = 1000;

    public record Options(Duration maxAge, Duration block, Duration claimIdle, Clock clock) {
        public static Options defaults() {
            return new Options(Duration.ofDays(1), Duration.ofSeconds(1), Duration.ofMinutes(1), Clock.systemUTC());
        }
    }

    private final UnifiedJedis jedis;
    private final String platform;
    private final String consumerName;
    private final Consumer<Completion> handler;
    private final Options options;
    private final String stream;
    /** Null: entries are handed over one at a time on the polling thread. */
    private final KeyedLanes lanes;
    private final Function<Completion, String> laneOf;
    /** Entries this consumer holds now (queued on a lane or being handed over): skipped when read again, renewed. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final LuaScript doneScript = new LuaScript(DONE);
    private final DeliveryStream entries;
    private volatile boolean running;
    private Thread thread;
    private Thread renewer;

    /** KEYS[1] = the stream; ARGV: group, entry, delivered marker, sending marker, marker ttl ms. */
    private static final String DONE = """
            redis.call('SET', ARGV[3], '1', 'PX', ARGV[5])
            redis.call('DEL', ARGV[4])
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
            return 1
            """;

    public DeliveryConsumer(UnifiedJedis jedis, String platform, String consumerName, Consumer<Completion> handler) {
        this(jedis, platform, consumerName, handler, Options.defaults());
    }

    public DeliveryConsumer(UnifiedJedis jedis, String platform, String consumerName, Consumer<Completion> handler,
            Options options) {
        this(jedis, platform, consumerName, handler, options, null, 0);
    }

    /**
     * Hands entries over on one lane per {@code laneOf} key (the chat), each holding at most {@code perLane} waiting
     * entries; a lane's handler may block (a flood-limit wait) without holding up other lanes or the polling.
     */
    public DeliveryConsumer(UnifiedJedis jedis, String platform, String consumerName, Consumer<Completion> handler,
            Options options, Function<Completion, String> laneOf, int perLane) {
        this.lanes = laneOf == null ? null : new KeyedLanes("Deliveries of " + platform, perLane, options.clock());
        this.laneOf = laneOf;
        this.jedis = jedis;
        this.platform = platform;
        this.consumerName = consumerName;
        this.handler = handler;
        this.options = options;
        this.stream = JobKeys.deliveries(platform);
        this.entries = new DeliveryStream(jedis, platform, consumerName, options.clock());
        JobQueue.ensureGroup(jedis, stream, JobKeys.DELIVERY_GROUP);
    }

    /** Polls on a virtual thread until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        OutageBackoff backoff = OutageBackoff.standard(log, "Deliveries for " + platform);
        renewer = Thread.ofVirtual().name("delivery-renew-" + platform).start(this::renewLoop);
        thread = Thread.ofVirtual().name("deliveries-" + platform + "-" + consumerName).start(() -> {
            while (running) {
                try {
                    pollOnce();
                    backoff.succeeded();
                } catch (StoreUnavailableException e) {
                    if (!backoff.failedAndWait(e)) {
                        return;
                    }
                } catch (RuntimeException e) {
                    log.error("Delivery loop for {} failed; retrying", platform, e);
                    sleep(options.block());
                }
            }
        });
    }

    /**
     * One round: this consumer's own unacknowledged entries (left by a crash), entries abandoned by other
     * front ends, then new entries (blocking up to {@code block}). Returns how many completions were handed over.
     */
    public int pollOnce() {
        try {
            return pollRound();
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                throw e;
            }
            log.warn("The delivery stream of {} or its consumer group was gone; creating them again", platform);
            JobQueue.ensureGroup(jedis, stream, JobKeys.DELIVERY_GROUP);
            return 0;
        }
    }

    private int pollRound() {
        int handled = 0;
        // A lane that refused an entry this round takes no later one either, so a chat's results keep their order.
        Set<String> full = new java.util.HashSet<>();
        handled += handleAll(entries.ownPending(), full);
        handled += handleAll(entries.abandoned(options.claimIdle()), full);
        handled += handleAll(entries.fresh(options.block()), full);
        return handled;
    }

    private int handleAll(List<StreamEntry> batch, Set<String> fullLanes) {
        int handled = 0;
        for (StreamEntry entry : batch) {
            String id = entry.getID().toString();
            if (inFlight.contains(id)) {
                continue;
            }
            DeliveryStream.Parsed parsed;
            try {
                parsed = entries.parse(entry);
            } catch (RuntimeException e) {
                entries.deadLetter(entry, e);
                continue;
            }
            inFlight.add(id);
            if (lanes == null) {
                try {
                    handled += handle(entry, parsed) ? 1 : 0;
                } finally {
                    inFlight.remove(id);
                }
            } else {
                String lane = laneOf.apply(parsed.completion());
                if (!fullLanes.contains(lane) && lanes.offer(lane, () -> handOnLane(entry, parsed))) {
                    handled++;
                } else {
                    fullLanes.add(lane);
                    inFlight.remove(id); // the lane is full: the entry stays pending and is offered again next round
                }
            }
        }
        return handled;
    }

    private void handOnLane(StreamEntry entry, DeliveryStream.Parsed parsed) {
        try {
            handle(entry, parsed);
        } catch (RuntimeException e) {
            log.warn("Delivering job {} on {} met {}; it stays in the stream for the next round",
                    parsed.completion().jobId(), platform, e.toString());
        } finally {
            inFlight.remove(entry.getID().toString());
        }
    }

    private boolean handle(StreamEntry entry, DeliveryStream.Parsed parsed) {
        Duration age = Duration.ofMillis(options.clock().millis() - parsed.finishedAt());
        String jobId = parsed.completion().jobId();
        if (age.compareTo(options.maxAge()) > 0) {
            log.warn("Result of job {} for {} was never delivered and expired after {}; dropping it",
                    jobId, platform, age);
            entries.ack(entry);
            return false;
        }
        String marker = JobKeys.delivered(platform, jobId);
        if (RedisGuard.call(() -> jedis.exists(marker))) {
            entries.ack(entry);
            return false;
        }
        String sending = JobKeys.sending(platform, jobId);
        long markerTtl = options.maxAge().multipliedBy(2).toMillis();
        boolean first = "OK".equals(RedisGuard.call(() -> jedis.set(sending, consumerName,
                SetParams.setParams().nx().px(markerTtl))));
        Completion completion = first ? parsed.completion() : parsed.completion().sentBefore();
        if (!first) {
            log.warn("Job {} on {}: an earlier delivery began and did not finish; handing it over as maybe delivered",
                    jobId, platform);
        }
        try {
            handler.accept(completion);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Left pending: the next round offers it again until it is delivered or expires.
            log.warn("Delivering job {} on {} failed; will retry: {}", jobId, platform, e.toString());
            return false;
        }
        doneScript.run(jedis, List.of(stream), List.of(JobKeys.DELIVERY_GROUP, entry.getID().toString(), marker,
                sending, Long.toString(markerTtl)));
        return true;
    }

    /** Renews the entries this consumer holds, so none is taken over while it is queued or being sent. */
    private void renewLoop() {
        Duration every = options.claimIdle().dividedBy(4);
        while (running) {
            sleep(every);
            List<String> held = List.copyOf(inFlight);
            if (held.isEmpty()) {
                continue;
            }
            try {
                entries.renew(held);
            } catch (RuntimeException e) {
                log.debug("Renewing the deliveries held on {} failed: {}", platform, e.toString());
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread t;
        Thread r;
        synchronized (this) {
            running = false;
            t = thread;
            r = renewer;
            thread = null;
            renewer = null;
        }
        try {
            if (t != null) {
                t.join(options.block().multipliedBy(3).toMillis() + 1000);
            }
            // Deliveries already on their lanes finish; any left over stay pending for the next front end.
            if (lanes != null && !lanes.awaitIdle(options.block().multipliedBy(3))) {
                log.warn("Deliveries of {} still being sent at shutdown are left to the next front end", platform);
            }
            if (r != null) {
                r.interrupt();
                r.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
