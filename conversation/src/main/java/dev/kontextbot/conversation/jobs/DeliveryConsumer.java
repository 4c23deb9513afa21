package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.OutageBackoff;
import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads the completions of one platform as a member of the consumer group {@code frontends}, so results that
 * finished while every front end was down are delivered when one starts. An entry is acknowledged only after
 * the handler returned; the delivered job id is recorded first, so an entry read again after a crash between
 * the two is acknowledged without a second delivery. Entries older than {@code maxAge} are dropped with a log
 * line. Entries another front end read and never acknowledged are taken over after {@code claimIdle}.
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
    private final JobJson json = new JobJson();
    private volatile boolean running;
    private Thread thread;

    public DeliveryConsumer(UnifiedJedis jedis, String platform, String consumerName, Consumer<Completion> handler) {
        this(jedis, platform, consumerName, handler, Options.defaults());
    }

    public DeliveryConsumer(UnifiedJedis jedis, String platform, String consumerName, Consumer<Completion> handler,
            Options options) {
        this.jedis = jedis;
        this.platform = platform;
        this.consumerName = consumerName;
        this.handler = handler;
        this.options = options;
        this.stream = JobKeys.deliveries(platform);
        JobQueue.ensureGroup(jedis, stream, JobKeys.DELIVERY_GROUP);
    }

    /** Polls on a virtual thread until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        OutageBackoff backoff = OutageBackoff.standard(log, "Deliveries for " + platform);
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
        handled += handleAll(read(new StreamEntryID(0, 0), 0));
        List<StreamEntry> abandoned = RedisGuard.call(() -> jedis.xautoclaim(stream, JobKeys.DELIVERY_GROUP,
                consumerName, options.claimIdle().toMillis(), new StreamEntryID(0, 0),
                XAutoClaimParams.xAutoClaimParams().count(10)).getValue());
        handled += handleAll(abandoned);
        handled += handleAll(read(StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY, (int) options.block().toMillis()));
        return handled;
    }

    private List<StreamEntry> read(StreamEntryID from, int blockMs) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(10);
        if (blockMs > 0) {
            params.block(blockMs);
        }
        var reply = RedisGuard.call(() -> jedis.xreadGroup(JobKeys.DELIVERY_GROUP, consumerName, params,
                Map.of(stream, from)));
        return reply == null || reply.isEmpty() ? List.of() : new ArrayList<>(reply.getFirst().getValue());
    }

    private int handleAll(List<StreamEntry> entries) {
        int handled = 0;
        for (StreamEntry entry : entries) {
            if (handle(entry)) {
                handled++;
            }
        }
        return handled;
    }

    private boolean handle(StreamEntry entry) {
        Parsed parsed;
        try {
            parsed = parse(entry);
        } catch (RuntimeException e) {
            deadLetter(entry, e);
            return false;
        }
        Duration age = Duration.ofMillis(options.clock().millis() - parsed.finishedAt());
        String jobId = parsed.completion().jobId();
        if (age.compareTo(options.maxAge()) > 0) {
            log.warn("Result of job {} for {} was never delivered and expired after {}; dropping it",
                    jobId, platform, age);
            ack(entry);
            return false;
        }
        String marker = JobKeys.delivered(platform, jobId);
        if (RedisGuard.call(() -> jedis.exists(marker))) {
            ack(entry);
            return false;
        }
        try {
            handler.accept(parsed.completion());
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Left pending: the next round offers it again until it is delivered or expires.
            log.warn("Delivering job {} on {} failed; will retry: {}", jobId, platform, e.toString());
            return false;
        }
        RedisGuard.call(() -> jedis.set(marker, "1",
                SetParams.setParams().px(options.maxAge().multipliedBy(2).toMillis())));
        ack(entry);
        return true;
    }

    private record Parsed(Completion completion, long finishedAt) {
    }

    /** Reads an entry; anything missing or malformed throws, so the caller can move the entry aside. */
    private Parsed parse(StreamEntry entry) {
        Map<String, String> f = entry.getFields();
        if (f == null || f.get("job") == null || f.get("spec") == null || f.get("status") == null) {
            throw new IllegalArgumentException("the entry lacks job, spec or status");
        }
        String finished = f.get("finishedAt");
        long finishedAt = finished == null ? entry.getID().getTime() : Long.parseLong(finished);
        JobSpec spec = json.read(f.get("spec"), JobSpec.class);
        if (spec == null) {
            throw new IllegalArgumentException("the entry's spec is empty");
        }
        return new Parsed(new Completion(f.get("job"), spec, JobStatus.valueOf(f.get("status")),
                blank(f.get("versionId")), blank(f.get("errorCode")), blank(f.get("message"))), finishedAt);
    }

    /**
     * Copies an unreadable entry to the platform's dead-letter stream (capped, with the reason) and acknowledges
     * it, so one bad entry never stalls the platform's deliveries.
     */
    private void deadLetter(StreamEntry entry, RuntimeException problem) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (entry.getFields() != null) {
            fields.putAll(entry.getFields());
        }
        fields.put("deadReason", String.valueOf(problem.getMessage()));
        fields.put("deadEntry", entry.getID().toString());
        fields.put("deadAt", Long.toString(options.clock().millis()));
        log.error("Delivery entry {} of {} cannot be read ({}); moved to {}", entry.getID(), platform,
                problem.getMessage(), JobKeys.deadLetters(platform));
        RedisGuard.call(() -> jedis.xadd(JobKeys.deadLetters(platform),
                XAddParams.xAddParams().maxLen(DEAD_LETTER_CAP).approximateTrimming(), fields));
        ack(entry);
    }

    private void ack(StreamEntry entry) {
        RedisGuard.call(() -> {
            jedis.xack(stream, JobKeys.DELIVERY_GROUP, entry.getID());
            return jedis.xdel(stream, entry.getID());
        });
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
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
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            try {
                t.join(options.block().multipliedBy(3).toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
