package dev.kontextbot.conversation.retention;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Names of the Redis keys one conversation owns, all under the hash tag {@code kb:{<conv>}:} so they live
 * in one cluster slot, and the Lua prelude every write script starts with: it refreshes the TTL of all of
 * them and releases blobs. The full schema is in docs/redis-schema.md.
 */
public final class ConversationKeyspace {

    /** Conversation ids as {@code ConversationKey.id()} makes them: no braces, no spaces. */
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._:%=-]{1,300}");

    /** Every fixed key of a conversation (suffixes after the tag); blobs are {@code blob:<id>}. */
    public static final List<String> FIXED_KEYS = List.of("meta", "versions", "parent", "number", "vblobs", "jobs",
            "redo", "refs", "settings", "blobrefs", "blobmeta", "charge", "pending", "memory", "msgs", "recentjobs", "drift",
            "unsynced");

    /** Unreferenced blobs (stored but never used by a version or reference) are swept after this long. */
    public static final long PENDING_GRACE_MILLIS = 3_600_000L;

    private ConversationKeyspace() {
    }

    /** Checks a conversation id before it becomes part of a key. */
    public static String checked(String conversation) {
        if (conversation == null || !CONVERSATION_ID.matcher(conversation).matches()) {
            throw new IllegalArgumentException("Not a conversation id: use ConversationKey.id()");
        }
        return conversation;
    }

    public static String prefix(String conversation) {
        return "kb:{" + checked(conversation) + "}:";
    }

    /** The key a script is routed by (KEYS[1]); the prelude derives every other key from it. */
    public static String meta(String conversation) {
        return prefix(conversation) + "meta";
    }

    public static String key(String conversation, String suffix) {
        return prefix(conversation) + suffix;
    }

    public static String blob(String conversation, String blobId) {
        return prefix(conversation) + "blob:" + blobId;
    }

    /** Per-user storage ledger: field = conversation, value = bytes charged to the user there. */
    public static String userUsage(String userId) {
        return "kb:{u:" + escape(userId) + "}:usage";
    }

    /** Keeps only characters that are safe inside a key and a hash tag; others become %XX (UTF-8). */
    public static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (byte b : raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /**
     * Lua shared by every write script. KEYS[1] is the meta key; P is the tag prefix. touch(ttl) refreshes the
     * TTL of every key the conversation owns; release/retain count references to blobs and delete a blob (and
     * give its bytes back to whoever was charged) when nothing points at it any more.
     */
    public static final String LUA_PRELUDE = """
            local META = KEYS[1]
            local P = string.sub(META, 1, #META - 4)
            local FIXED = {'meta','versions','parent','number','vblobs','jobs','redo','refs','settings',
                           'blobrefs','blobmeta','charge','pending','memory','msgs','recentjobs','drift','unsynced'}
            local function touch(ttl)
              for _, k in ipairs(FIXED) do redis.call('PEXPIRE', P .. k, ttl) end
              for _, b in ipairs(redis.call('HKEYS', P .. 'blobmeta')) do redis.call('PEXPIRE', P .. 'blob:' .. b, ttl) end
            end
            -- every change of a user's charge, also noted as an increment the ledgers have not applied yet
            local function charge(user, delta)
              redis.call('HINCRBY', P .. 'charge', user, delta)
              redis.call('HINCRBY', P .. 'unsynced', 'u:' .. user, delta)
              redis.call('HINCRBY', P .. 'unsynced', 't', delta)
            end
            local function deleteBlob(b)
              local m = redis.call('HGET', P .. 'blobmeta', b)
              if m then
                local sep = string.find(m, '|', 1, true)
                local size = tonumber(string.sub(m, 1, sep - 1))
                redis.call('HINCRBY', META, 'bytes', -size)
                charge(string.sub(m, sep + 1), -size)
              end
              redis.call('DEL', P .. 'blob:' .. b)
              redis.call('HDEL', P .. 'blobmeta', b)
              redis.call('HDEL', P .. 'blobrefs', b)
              redis.call('ZREM', P .. 'pending', b)
            end
            local function retain(b)
              redis.call('HINCRBY', P .. 'blobrefs', b, 1)
              redis.call('ZREM', P .. 'pending', b)
            end
            local function release(b)
              if b == nil or b == false or b == '' then return end
              if redis.call('HINCRBY', P .. 'blobrefs', b, -1) <= 0 then deleteBlob(b) end
            end
            local function sweep(now, grace)
              for _, b in ipairs(redis.call('ZRANGEBYSCORE', P .. 'pending', '-inf', now - grace)) do
                if tonumber(redis.call('HGET', P .. 'blobrefs', b) or '0') <= 0 then deleteBlob(b)
                else redis.call('ZREM', P .. 'pending', b) end
              end
            end
            local function split(s)
              local out = {}
              if s then for x in string.gmatch(s, '[^,]+') do table.insert(out, x) end end
              return out
            end
            """;
}
