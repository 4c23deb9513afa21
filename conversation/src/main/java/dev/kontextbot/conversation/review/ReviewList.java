package dev.kontextbot.conversation.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.conversation.jobs.JobJson;
import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StorageLedger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The review list of flagged items in Redis, kept for a retention period (every key expires; the index is pruned
 * by time), and the users admins blocked. Layout (docs/redis-schema.md): {@code kb:{review}:items} sorted set of
 * ids by time, {@code kb:{review}:item:<id>} hash, {@code kb:{review}:png:<id>} the picture,
 * {@code kb:{review}:blocked} set of "platform:user", and per user {@code kb:{review}:pics:<platform:user>} (sorted
 * set of the ids whose picture is kept), {@code kb:{review}:picbytes:<platform:user>} (id -> bytes) and
 * {@code kb:{review}:rate:<platform:user>} (flags this hour). All keys share the {@code {review}} hash tag (one
 * cluster slot), so the status change and the per-user picture cap are atomic scripts.
 *
 * <p>Bounded per user ({@link ReviewLimits}): a few pictures at once (a new one drops the user's oldest), a few
 * flags an hour, and the pictures' bytes are charged to the user's storage quota (a picture past the quota is not
 * kept, the item still is).
 */
public final class ReviewList {

    static final String PREFIX = "kb:{review}:";
    static final String INDEX = PREFIX + "items";
    static final String BLOCKED = PREFIX + "blocked";
    /** ARGV[3] -> ARGV[1], once: two admins pressing Release at the same time release it once. */
    private static final String RESOLVE = """
            if redis.call('HGET', KEYS[1], 'status') ~= ARGV[3] then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[1])
            if ARGV[1] == 'DELETED' then redis.call('DEL', KEYS[2]) end
            if ARGV[1] == 'DELETED' then
              redis.call('ZREM', KEYS[3], ARGV[2])
              redis.call('HDEL', KEYS[4], ARGV[2])
            end
            return 1
            """;
    /**
     * KEYS: the picture, the user's kept ids, the user's bytes per id. ARGV: id, png, ttl, now, cap, key prefix.
     * Keeps the picture and drops the user's oldest beyond the cap; returns the bytes the user's pictures now hold.
     */
    private static final String KEEP_PICTURE = """
            local id, ttl, now, cap = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
            for _, old in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - ttl)) do
              redis.call('HDEL', KEYS[3], old)
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl)
            redis.call('ZADD', KEYS[2], now, id)
            redis.call('HSET', KEYS[3], id, #ARGV[2])
            while redis.call('ZCARD', KEYS[2]) > cap do
              local oldest = redis.call('ZPOPMIN', KEYS[2])[1]
              redis.call('DEL', ARGV[6] .. 'png:' .. oldest)
              redis.call('HDEL', KEYS[3], oldest)
            end
            redis.call('PEXPIRE', KEYS[2], ttl)
            redis.call('PEXPIRE', KEYS[3], ttl)
            local total = 0
            for _, n in ipairs(redis.call('HVALS', KEYS[3])) do total = total + tonumber(n) end
            return total
            """;
    /** KEYS: the user's flag counter. ARGV: window. Counts one flag; the counter expires with its window. */
    private static final String COUNT_FLAG = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;
    /** The ledger entry (in place of a conversation) that holds a user's review pictures. */
    static final String LEDGER_ENTRY = "review-list";
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final UnifiedJedis jedis;
    private final Clock clock;
    private final Duration retention;
    private final ReviewLimits limits;
    private final StorageLedger ledger;
    private final JobJson json = new JobJson();
    private final ObjectMapper mapper = new ObjectMapper();

    /** With the default limits, charged to the default quota. */
    public ReviewList(UnifiedJedis jedis, Clock clock, Duration retention) {
        this(jedis, clock, retention, ReviewLimits.defaults(), RetentionPolicy.defaults());
    }

    /** {@code quota}: the users' storage quota the pictures are charged to (as the conversations' are). */
    public ReviewList(UnifiedJedis jedis, Clock clock, Duration retention, ReviewLimits limits, RetentionPolicy quota) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("The review retention must be positive");
        }
        this.jedis = jedis;
        this.clock = clock;
        this.retention = retention;
        this.limits = limits;
        this.ledger = new StorageLedger(jedis, quota, clock);
    }

    public ReviewLimits limits() {
        return limits;
    }

    public Duration retention() {
        return retention;
    }

    /**
     * Adds a flagged item with its picture, if any; returns the item as stored (with its id and time), or empty when
     * its user is past {@link ReviewLimits#flagsPerHour()} (nothing is stored then).
     */
    public Optional<ReviewItem> add(ReviewItem item, Optional<byte[]> picture) {
        String user = userKey(item.platform(), item.userId());
        long flags = RedisGuard.call(() -> (Long) jedis.eval(COUNT_FLAG, List.of(PREFIX + "rate:" + user),
                List.of(Long.toString(HOUR_MILLIS))));
        if (flags > limits.flagsPerHour()) {
            return Optional.empty();
        }
        String id = "rv-" + UUID.randomUUID();
        Instant now = clock.instant();
        Map<String, String> fields = new HashMap<>();
        fields.put("kind", item.kind().name());
        fields.put("status", ReviewStatus.OPEN.name());
        fields.put("platform", item.platform());
        fields.put("chatId", item.chatId());
        fields.put("conversationId", item.conversationId());
        fields.put("userId", item.userId());
        fields.put("userName", item.userName());
        fields.put("text", item.text());
        fields.put("reason", item.reason());
        fields.put("scores", json.write(item.scores()));
        fields.put("createdAt", Long.toString(now.toEpochMilli()));
        item.held().ifPresent(h -> fields.put("held", json.write(h)));
        long ttl = retention.toMillis();
        RedisGuard.call(() -> {
            jedis.hset(item(id), fields);
            jedis.pexpire(item(id), ttl);
            jedis.zadd(INDEX, now.toEpochMilli(), id);
            return null;
        });
        picture.ifPresent(png -> keepPicture(id, item.userId(), user, png, now));
        return find(id);
    }

    /** Within the user's quota (else the picture is not kept) and cap (else their oldest goes). */
    private void keepPicture(String id, String userId, String user, byte[] png, Instant now) {
        StorageLedger.Reservation held;
        try {
            held = ledger.reserve(userId, png.length);
        } catch (QuotaExceededException e) {
            return;
        }
        try {
            long total = RedisGuard.call(() -> (Long) jedis.eval(KEEP_PICTURE.getBytes(StandardCharsets.UTF_8),
                    List.of(png(id), pics(user), picBytes(user)).stream()
                            .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList(),
                    List.of(id.getBytes(StandardCharsets.UTF_8), png,
                            Long.toString(retention.toMillis()).getBytes(StandardCharsets.UTF_8),
                            Long.toString(now.toEpochMilli()).getBytes(StandardCharsets.UTF_8),
                            Integer.toString(limits.picturesPerUser()).getBytes(StandardCharsets.UTF_8),
                            PREFIX.getBytes(StandardCharsets.UTF_8))));
            ledger.chargeOutside(LEDGER_ENTRY, userId, total);
        } finally {
            ledger.release(held);
        }
    }

    /** Bytes of the user's pictures on the list (what their quota is charged for it). */
    public long pictureBytes(String platform, String userId) {
        String user = userKey(platform, userId);
        return RedisGuard.call(() -> jedis.hvals(picBytes(user))).stream().mapToLong(Long::parseLong).sum();
    }

    /** The newest items first, up to {@code limit}; items past retention are pruned from the index. */
    public List<ReviewItem> list(int limit) {
        long cutoff = clock.millis() - retention.toMillis();
        List<String> ids = RedisGuard.call(() -> {
            jedis.zremrangeByScore(INDEX, Double.NEGATIVE_INFINITY, cutoff);
            return jedis.zrevrange(INDEX, 0, Math.max(0, limit - 1));
        });
        List<ReviewItem> items = new ArrayList<>();
        for (String id : ids) {
            find(id).ifPresent(items::add);
        }
        return items;
    }

    public Optional<ReviewItem> find(String id) {
        if (id == null || !id.matches("rv-[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        Map<String, String> h = RedisGuard.call(() -> jedis.hgetAll(item(id)));
        // Past retention is gone, whether or not Redis has expired the key yet.
        if (h.isEmpty() || Long.parseLong(h.get("createdAt")) + retention.toMillis() <= clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(new ReviewItem(id, ReviewKind.valueOf(h.get("kind")), ReviewStatus.valueOf(h.get("status")),
                h.get("platform"), h.get("chatId"), h.get("conversationId"), h.get("userId"), h.get("userName"),
                h.get("text"), h.get("reason"), scores(h.get("scores")),
                Instant.ofEpochMilli(Long.parseLong(h.get("createdAt"))),
                Optional.ofNullable(h.get("held")).map(s -> json.read(s, VersionAwaitingReview.class))));
    }

    /** The flagged picture, while retained and not deleted. */
    public Optional<byte[]> picture(String id) {
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(RedisGuard.call(() -> jedis.get(png(id).getBytes(StandardCharsets.UTF_8))));
    }

    /** Moves an OPEN item to {@code status} (DELETED also drops its picture); false when it was not OPEN. */
    public boolean resolve(String id, ReviewStatus status) {
        return move(id, ReviewStatus.OPEN, status);
    }

    /** Moves an item from {@code from} to {@code to}, atomically; false when it was not {@code from}. */
    public boolean move(String id, ReviewStatus from, ReviewStatus to) {
        Optional<ReviewItem> found = find(id);
        if (to == from || to == ReviewStatus.OPEN && from != ReviewStatus.RELEASING || found.isEmpty()) {
            return false;
        }
        ReviewStatus status = to;
        String user = userKey(found.get().platform(), found.get().userId());
        Object r = RedisGuard.call(() -> jedis.eval(RESOLVE, List.of(item(id), png(id), pics(user), picBytes(user)),
                List.of(status.name(), id, from.name())));
        if (status == ReviewStatus.DELETED) {
            ledger.chargeOutside(LEDGER_ENTRY, found.get().userId(),
                    pictureBytes(found.get().platform(), found.get().userId()));
        }
        return Long.valueOf(1).equals(r);
    }

    public void block(String platform, String userId) {
        RedisGuard.call(() -> jedis.sadd(BLOCKED, platform + ":" + userId));
    }

    public void unblock(String platform, String userId) {
        RedisGuard.call(() -> jedis.srem(BLOCKED, platform + ":" + userId));
    }

    public boolean blocked(String platform, String userId) {
        return RedisGuard.call(() -> jedis.sismember(BLOCKED, platform + ":" + userId));
    }

    private Map<String, Double> scores(String s) {
        try {
            return s == null ? Map.of() : mapper.readValue(s, new TypeReference<Map<String, Double>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String item(String id) {
        return PREFIX + "item:" + id;
    }

    private static String png(String id) {
        return PREFIX + "png:" + id;
    }

    private static String userKey(String platform, String userId) {
        return platform + ":" + userId;
    }

    private static String pics(String user) {
        return PREFIX + "pics:" + user;
    }

    private static String picBytes(String user) {
        return PREFIX + "picbytes:" + user;
    }
}
