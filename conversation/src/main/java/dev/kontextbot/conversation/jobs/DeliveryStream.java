package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One consumer's side of a platform's delivery stream ({@link DeliveryConsumer}): reading its entries (its own
 * unacknowledged ones, abandoned ones, new ones), reading a completion out of an entry, acknowledging, renewing and
 * moving an unreadable entry to the dead letters.
 */
final class DeliveryStream {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStream.class);
    /** Entries read per call; this consumer's own pending entries are read in at most this many pages per round. */
    private static final int PAGE = 10;
    private static final int MAX_PENDING_PAGES = 20;

    /** KEYS[1] = the stream; ARGV: group, consumer, entries. Resets the idle time of the entries it still owns. */
    private static final String RENEW = """
            local kept = 0
            for i = 3, #ARGV do
              local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if p[1] and p[1][2] == ARGV[2] then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
                kept = kept + 1
              end
            end
            return kept
            """;

    private final UnifiedJedis jedis;
    private final String platform;
    private final String consumerName;
    private final Clock clock;
    private final String stream;
    private final JobJson json = new JobJson();
    private final LuaScript renewScript = new LuaScript(RENEW);

    DeliveryStream(UnifiedJedis jedis, String platform, String consumerName, Clock clock) {
        this.jedis = jedis;
        this.platform = platform;
        this.consumerName = consumerName;
        this.clock = clock;
        this.stream = JobKeys.deliveries(platform);
    }

    /** This consumer's unacknowledged entries, page by page: with lanes, the first pages may all be in flight. */
    List<StreamEntry> ownPending() {
        List<StreamEntry> all = new ArrayList<>();
        StreamEntryID from = new StreamEntryID(0, 0);
        for (int page = 0; page < MAX_PENDING_PAGES; page++) {
            List<StreamEntry> entries = read(from, 0);
            all.addAll(entries);
            if (entries.size() < PAGE) {
                break;
            }
            from = entries.getLast().getID();
        }
        return all;
    }

    private List<StreamEntry> read(StreamEntryID from, int blockMs) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(PAGE);
        if (blockMs > 0) {
            params.block(blockMs);
        }
        var reply = RedisGuard.call(() -> jedis.xreadGroup(JobKeys.DELIVERY_GROUP, consumerName, params,
                Map.of(stream, from)));
        return reply == null || reply.isEmpty() ? List.of() : new ArrayList<>(reply.getFirst().getValue());
    }

    /** Entries another front end read and left unacknowledged for longer than {@code idle}. */
    List<StreamEntry> abandoned(Duration idle) {
        return RedisGuard.call(() -> jedis.xautoclaim(stream, JobKeys.DELIVERY_GROUP, consumerName, idle.toMillis(),
                new StreamEntryID(0, 0), XAutoClaimParams.xAutoClaimParams().count(10)).getValue());
    }

    /** Entries no consumer has read yet, waiting up to {@code block} for one. */
    List<StreamEntry> fresh(Duration block) {
        return read(StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY, (int) block.toMillis());
    }

    /** Resets the idle time of the entries this consumer still holds. */
    void renew(List<String> held) {
        List<String> args = new ArrayList<>(List.of(JobKeys.DELIVERY_GROUP, consumerName));
        args.addAll(held);
        renewScript.run(jedis, List.of(stream), args);
    }

    record Parsed(Completion completion, long finishedAt) {
    }

    /** Reads an entry; anything missing or malformed throws, so the caller can move the entry aside. */
    Parsed parse(StreamEntry entry) {
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
    void deadLetter(StreamEntry entry, RuntimeException problem) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (entry.getFields() != null) {
            fields.putAll(entry.getFields());
        }
        fields.put("deadReason", String.valueOf(problem.getMessage()));
        fields.put("deadEntry", entry.getID().toString());
        fields.put("deadAt", Long.toString(clock.millis()));
        log.error("Delivery entry {} of {} cannot be read ({}); moved to {}", entry.getID(), platform,
                problem.getMessage(), JobKeys.deadLetters(platform));
        RedisGuard.call(() -> jedis.xadd(JobKeys.deadLetters(platform),
                XAddParams.xAddParams().maxLen(DeliveryConsumer.DEAD_LETTER_CAP).approximateTrimming(), fields));
        ack(entry);
    }

    void ack(StreamEntry entry) {
        RedisGuard.call(() -> {
            jedis.xack(stream, JobKeys.DELIVERY_GROUP, entry.getID());
            return jedis.xdel(stream, entry.getID());
        });
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
