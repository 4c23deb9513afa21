package dev.kontextbot.conversation.blob;

import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StorageLedger;
import dev.kontextbot.conversation.retention.StoreCalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * The image and latent blobs of one conversation, content-addressed by SHA-256 and stored once per
 * conversation under its hash tag. A stored blob is "pending" until a version or reference points at it; the
 * conversation store counts those references and deletes a blob when the count drops to zero. New bytes are
 * charged to {@code userId} against the per-user quota. Ids look like {@code png-<64 hex>} or
 * {@code f16-<64 hex>}.
 */
public final class BlobStore {

    private static final Pattern BLOB_ID = Pattern.compile("(png|f16)-[0-9a-f]{64}");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static final String PUT = ConversationKeyspace.LUA_PRELUDE + """
            -- ARGV: ttl, now, grace, id, bytes, size, payer. The bytes were reserved in the ledgers before.
            local ttl, now, id = ARGV[1], tonumber(ARGV[2]), ARGV[4]
            local size, payer = tonumber(ARGV[6]), ARGV[7]
            if redis.call('EXISTS', P .. 'blob:' .. id) == 1 then
              if tonumber(redis.call('HGET', P .. 'blobrefs', id) or '0') <= 0 then redis.call('ZADD', P .. 'pending', now, id) end
              touch(ttl)
              return 'EXISTS'
            end
            redis.call('SET', P .. 'blob:' .. id, ARGV[5])
            redis.call('HSET', P .. 'blobmeta', id, size .. '|' .. payer)
            redis.call('HSETNX', P .. 'blobrefs', id, 0)
            redis.call('ZADD', P .. 'pending', now, id)
            redis.call('HINCRBY', META, 'bytes', size)
            charge(payer, size)
            sweep(now, tonumber(ARGV[3]))
            touch(ttl)
            return 'STORED'
            """;

    /** ARGV: ttl, now, id. Refreshes a stored blob without sending its bytes again; 'MISSING' otherwise. */
    private static final String TOUCH_EXISTING = ConversationKeyspace.LUA_PRELUDE + """
            if redis.call('EXISTS', P .. 'blob:' .. ARGV[3]) == 0 then return 'MISSING' end
            -- an unreferenced blob stored again starts a new grace period, so the version about to use it is safe
            if tonumber(redis.call('HGET', P .. 'blobrefs', ARGV[3]) or '0') <= 0 then
              redis.call('ZADD', P .. 'pending', ARGV[2], ARGV[3])
            end
            touch(ARGV[1])
            return 'EXISTS'
            """;

    private final UnifiedJedis redis;
    private final Clock clock;
    private final RetentionPolicy policy;
    private final StorageLedger ledger;
    private final String conversation;
    private final String userId;

    /**
     * @param conversation the conversation that owns the blobs ({@code ConversationKey.id()})
     * @param userId       who is charged for new bytes (the quota owner)
     */
    public BlobStore(UnifiedJedis redis, Clock clock, RetentionPolicy policy, String conversation, String userId) {
        this.redis = redis;
        this.clock = clock;
        this.policy = policy;
        this.ledger = new StorageLedger(redis, policy, clock);
        this.conversation = ConversationKeyspace.checked(conversation);
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("A blob needs a user to charge its bytes to");
        }
        this.userId = userId;
    }

    /** Stores a PNG (once per conversation) and returns its id. */
    public String putPng(byte[] png) {
        if (png == null || png.length < PNG_SIGNATURE.length
                || !java.util.Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            throw new IllegalArgumentException("Not a PNG image");
        }
        return put("png", png);
    }

    /** Stores latents as little-endian fp16 (half the bytes of fp32) and returns the blob id. */
    public String putLatents(float[] latents) {
        if (latents == null || latents.length == 0) {
            throw new IllegalArgumentException("No latents to store");
        }
        ByteBuffer buf = ByteBuffer.allocate(latents.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : latents) {
            buf.putShort(Float.floatToFloat16(f));
        }
        return put("f16", buf.array());
    }

    public Optional<byte[]> png(String id) {
        requireKind(id, "png");
        return read(id);
    }

    public Optional<float[]> latents(String id) {
        requireKind(id, "f16");
        return read(id).map(bytes -> {
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[bytes.length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = Float.float16ToFloat(buf.getShort());
            }
            return out;
        });
    }

    /** True when this conversation holds the blob (another conversation's blob of the same content is not it). */
    public boolean contains(String id) {
        return isBlobId(id) && StoreCalls.call(() -> redis.exists(ConversationKeyspace.blob(conversation, id)));
    }

    public static boolean isBlobId(String id) {
        return id != null && BLOB_ID.matcher(id).matches();
    }

    private Optional<byte[]> read(String id) {
        byte[] key = ConversationKeyspace.blob(conversation, id).getBytes(StandardCharsets.UTF_8);
        return Optional.ofNullable(StoreCalls.call(() -> redis.get(key)));
    }

    private String put(String kind, byte[] bytes) {
        String id = kind + "-" + sha256(bytes);
        String ttl = Long.toString(policy.idleTtl().toMillis());
        String now = Long.toString(clock.millis());
        Object known = StoreCalls.call(() -> redis.eval(TOUCH_EXISTING, List.of(ConversationKeyspace.meta(conversation)),
                List.of(ttl, now, id)));
        if ("EXISTS".equals(known)) {
            return id;
        }
        // The quota check is the ledger's script (atomic in the ledger's slot); the store is the conversation's.
        StorageLedger.Reservation reservation = ledger.reserve(userId, bytes.length);
        List<byte[]> args = List.of(
                utf8(ttl), utf8(now),
                utf8(Long.toString(ConversationKeyspace.PENDING_GRACE_MILLIS)),
                utf8(id), bytes, utf8(Integer.toString(bytes.length)), utf8(userId));
        boolean stored = false;
        try {
            Object result = StoreCalls.call(() -> redis.eval(utf8(PUT),
                    List.of(utf8(ConversationKeyspace.meta(conversation))), args));
            stored = "STORED".equals(new String((byte[]) result, StandardCharsets.UTF_8));
        } finally {
            if (stored) {
                ledger.settle(conversation, reservation);
            } else {
                ledger.release(reservation); // stored already (dedup) or not at all
            }
        }
        return id;
    }

    private static void requireKind(String id, String kind) {
        if (!isBlobId(id) || !id.startsWith(kind + "-")) {
            throw new IllegalArgumentException("Not a " + kind + " blob id: " + id);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
