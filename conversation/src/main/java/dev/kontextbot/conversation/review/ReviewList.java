package dev.kontextbot.conversation.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.conversation.jobs.JobJson;
import dev.kontextbot.conversation.redis.RedisGuard;
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
import redis.clients.jedis.params.SetParams;

/**
 * The review list of flagged items in Redis, kept for a retention period (every key expires; the index is pruned
 * by time), and the users admins blocked. Layout (docs/redis-schema.md): {@code kb:{review}:items} sorted set of
 * ids by time, {@code kb:{review}:item:<id>} hash, {@code kb:{review}:png:<id>} the picture,
 * {@code kb:{review}:blocked} set of "platform:user". All keys share the {@code {review}} hash tag (one cluster
 * slot), so the status change is one atomic script.
 */
public final class ReviewList {

    static final String PREFIX = "kb:{review}:";
    static final String INDEX = PREFIX + "items";
    static final String BLOCKED = PREFIX + "blocked";
    /** OPEN -> new status, once: two admins pressing Release at the same time release it once. */
    private static final String RESOLVE = """
            if redis.call('HGET', KEYS[1], 'status') ~= 'OPEN' then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[1])
            if ARGV[1] == 'DELETED' then redis.call('DEL', KEYS[2]) end
            return 1
            """;

    private final UnifiedJedis jedis;
    private final Clock clock;
    private final Duration retention;
    private final JobJson json = new JobJson();
    private final ObjectMapper mapper = new ObjectMapper();

    public ReviewList(UnifiedJedis jedis, Clock clock, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("The review retention must be positive");
        }
        this.jedis = jedis;
        this.clock = clock;
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /** Adds a flagged item with its picture, if any; returns the item as stored (with its id and time). */
    public ReviewItem add(ReviewItem item, Optional<byte[]> picture) {
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
            picture.ifPresent(png -> jedis.set(png(id).getBytes(StandardCharsets.UTF_8), png,
                    SetParams.setParams().px(ttl)));
            jedis.hset(item(id), fields);
            jedis.pexpire(item(id), ttl);
            jedis.zadd(INDEX, now.toEpochMilli(), id);
            return null;
        });
        return find(id).orElseThrow();
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
        if (h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReviewItem(id, ReviewKind.valueOf(h.get("kind")), ReviewStatus.valueOf(h.get("status")),
                h.get("platform"), h.get("chatId"), h.get("conversationId"), h.get("userId"), h.get("userName"),
                h.get("text"), h.get("reason"), scores(h.get("scores")),
                Instant.ofEpochMilli(Long.parseLong(h.get("createdAt"))),
                Optional.ofNullable(h.get("held")).map(s -> json.read(s, HeldResult.class))));
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
        if (status == ReviewStatus.OPEN || find(id).isEmpty()) {
            return false;
        }
        Object r = RedisGuard.call(() -> jedis.eval(RESOLVE, List.of(item(id), png(id)), List.of(status.name())));
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
}
