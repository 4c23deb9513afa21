package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.retention.ConversationKeyspace;

/**
 * The Lua scripts behind every write to the edit tree. Each runs atomically inside the conversation's slot;
 * replies are {@code {'OK'|'NEW'|'EXISTING', value}} or {@code {'ERR', reason, detail}}.
 */
final class TreeScripts {

    private TreeScripts() {
    }

    /**
     * Leaves off the head path go first, oldest first, until the cap holds. Only append prunes, and append has
     * just cleared the redo stack, so the head path is all that must be kept.
     */
    private static final String PRUNE = """
            local function numberOf(v) return tonumber(string.match(v, '%-(%d+)$')) end
            local function prune(cap)
              local count = redis.call('HLEN', P .. 'parent')
              if count <= cap then return end
              local flat = redis.call('HGETALL', P .. 'parent')
              local par, kids = {}, {}
              for i = 1, #flat, 2 do par[flat[i]] = flat[i + 1]; kids[flat[i]] = 0 end
              for _, p in pairs(par) do if kids[p] ~= nil then kids[p] = kids[p] + 1 end end
              local keep = {}
              local function keepPath(x)
                while x and x ~= '' and par[x] ~= nil and not keep[x] do keep[x] = true; x = par[x] end
              end
              keepPath(redis.call('HGET', META, 'head'))
              while count > cap do
                local victim, best = nil, nil
                for v, _ in pairs(par) do
                  if not keep[v] and kids[v] == 0 then
                    local n = numberOf(v)
                    if best == nil or n < best then victim, best = v, n end
                  end
                end
                if victim == nil then return end
                local p = par[victim]
                par[victim] = nil; kids[victim] = nil
                if kids[p] ~= nil then kids[p] = kids[p] - 1 end
                local blobs = redis.call('HGET', P .. 'vblobs', victim)
                redis.call('HDEL', P .. 'versions', victim)
                redis.call('HDEL', P .. 'parent', victim)
                redis.call('HDEL', P .. 'vblobs', victim)
                redis.call('HDEL', P .. 'drift', victim)
                redis.call('HDEL', P .. 'number', best)
                for _, b in ipairs(split(blobs)) do release(b) end
                count = count - 1
              end
            end
            """;

    /**
     * ARGV: ttl, now, grace, tag, jobId, parent, json, blobs (comma separated), cap, made-at ('' or millis). With a
     * made-at time (a release from the review list), the version was made for the conversation as it stood then: a
     * forget since, or a parent younger than that (an id reused by a later conversation), refuses it.
     */
    static final String APPEND = ConversationKeyspace.LUA_PRELUDE + PRUNE + """
            local ttl, now, tag, job, parent = ARGV[1], tonumber(ARGV[2]), ARGV[4], ARGV[5], ARGV[6]
            local madeAt = tonumber(ARGV[10] or '')
            local function dropBlobs()
              for _, b in ipairs(split(ARGV[8])) do
                if tonumber(redis.call('HGET', P .. 'blobrefs', b) or '0') <= 0 then deleteBlob(b) end
              end
            end
            -- A job the conversation had when it was forgotten never writes a version (nor keeps the blobs it stored).
            if job ~= '' and redis.call('SISMEMBER', P .. 'revoked', string.match(job, '^[^#]+')) == 1 then
              dropBlobs()
              return {'ERR', 'FORGOTTEN', job}
            end
            if madeAt then
              local forgotten = tonumber(redis.call('GET', P .. 'forgotten') or '')
              if forgotten and forgotten >= madeAt then dropBlobs(); return {'ERR', 'FORGOTTEN', job} end
              local pv = parent ~= '' and redis.call('HGET', P .. 'versions', parent)
              if pv and tonumber(cjson.decode(pv).t) > madeAt then dropBlobs(); return {'ERR', 'VERSION_NOT_FOUND', parent} end
            end
            if job ~= '' then
              local existing = redis.call('HGET', P .. 'jobs', job)
              if existing then touch(ttl); return {'EXISTING', existing} end
            end
            if parent ~= '' and redis.call('HEXISTS', P .. 'versions', parent) == 0 then
              return {'ERR', 'VERSION_NOT_FOUND', parent}
            end
            local blobs = split(ARGV[8])
            for _, b in ipairs(blobs) do
              if redis.call('EXISTS', P .. 'blob:' .. b) == 0 then return {'ERR', 'IMAGE_MISSING', b} end
            end
            local n = redis.call('HINCRBY', META, 'seq', 1)
            local vid = tag .. '-' .. n
            redis.call('HSET', P .. 'versions', vid, ARGV[7])
            redis.call('HSET', P .. 'parent', vid, parent)
            redis.call('HSET', P .. 'number', n, vid)
            redis.call('HSET', P .. 'vblobs', vid, ARGV[8])
            if job ~= '' then redis.call('HSET', P .. 'jobs', job, vid) end
            for _, b in ipairs(blobs) do retain(b) end
            redis.call('HSET', META, 'head', vid)
            redis.call('DEL', P .. 'redo')
            prune(tonumber(ARGV[9]))
            sweep(now, tonumber(ARGV[3]))
            touch(ttl)
            return {'NEW', vid}
            """;

    /** ARGV: ttl. */
    static final String UNDO = ConversationKeyspace.LUA_PRELUDE + """
            local head = redis.call('HGET', META, 'head')
            if not head then return {'ERR', 'EMPTY', ''} end
            local parent = redis.call('HGET', P .. 'parent', head)
            if not parent or parent == '' then return {'ERR', 'NOTHING_TO_UNDO', head} end
            redis.call('LPUSH', P .. 'redo', head)
            redis.call('HSET', META, 'head', parent)
            touch(ARGV[1])
            return {'OK', parent}
            """;

    /** ARGV: ttl. A redo entry is only valid while the head is still its parent. */
    static final String REDO = ConversationKeyspace.LUA_PRELUDE + """
            local head = redis.call('HGET', META, 'head')
            local next = redis.call('LPOP', P .. 'redo')
            if not next then return {'ERR', 'NOTHING_TO_REDO', ''} end
            if redis.call('HGET', P .. 'parent', next) ~= head then
              redis.call('DEL', P .. 'redo')
              return {'ERR', 'NOTHING_TO_REDO', next}
            end
            redis.call('HSET', META, 'head', next)
            touch(ARGV[1])
            return {'OK', next}
            """;

    /** ARGV: ttl, version id. */
    static final String GO_TO = ConversationKeyspace.LUA_PRELUDE + """
            if redis.call('HEXISTS', P .. 'versions', ARGV[2]) == 0 then return {'ERR', 'VERSION_NOT_FOUND', ARGV[2]} end
            if redis.call('HGET', META, 'head') ~= ARGV[2] then
              redis.call('HSET', META, 'head', ARGV[2])
              redis.call('DEL', P .. 'redo')
            end
            touch(ARGV[1])
            return {'OK', ARGV[2]}
            """;

    /** ARGV: ttl. */
    static final String RESET = ConversationKeyspace.LUA_PRELUDE + """
            redis.call('HDEL', META, 'head')
            redis.call('DEL', P .. 'redo')
            touch(ARGV[1])
            return {'OK', ''}
            """;

    /** ARGV: ttl, field (KIND/name), blob, cap, kind prefix (KIND/). */
    static final String SET_REFERENCE = ConversationKeyspace.LUA_PRELUDE + """
            local field, blob = ARGV[2], ARGV[3]
            if redis.call('EXISTS', P .. 'blob:' .. blob) == 0 then return {'ERR', 'IMAGE_MISSING', blob} end
            local old = redis.call('HGET', P .. 'refs', field)
            if not old then
              local count = 0
              for _, f in ipairs(redis.call('HKEYS', P .. 'refs')) do
                if string.sub(f, 1, #ARGV[5]) == ARGV[5] then count = count + 1 end
              end
              if count >= tonumber(ARGV[4]) then return {'ERR', 'REFERENCE_LIMIT', tostring(count)} end
            end
            retain(blob)
            redis.call('HSET', P .. 'refs', field, blob)
            if old then release(old) end
            touch(ARGV[1])
            return {'OK', blob}
            """;

    /** ARGV: ttl, field or '' for every field starting with the prefix, kind prefix. Replies the count cleared. */
    static final String CLEAR_REFERENCES = ConversationKeyspace.LUA_PRELUDE + """
            local cleared = 0
            for _, f in ipairs(redis.call('HKEYS', P .. 'refs')) do
              if (ARGV[2] ~= '' and f == ARGV[2]) or (ARGV[2] == '' and string.sub(f, 1, #ARGV[3]) == ARGV[3]) then
                release(redis.call('HGET', P .. 'refs', f))
                redis.call('HDEL', P .. 'refs', f)
                cleared = cleared + 1
              end
            end
            touch(ARGV[1])
            return {'OK', tostring(cleared)}
            """;

    /** ARGV: ttl, expected ('' = absent), expected-present flag (1/0), new value. Compare-and-set. */
    static final String SET_SETTINGS = ConversationKeyspace.LUA_PRELUDE + """
            local current = redis.call('GET', P .. 'settings')
            local matches = (ARGV[3] == '0' and not current) or (ARGV[3] == '1' and current == ARGV[2])
            if not matches then return {'ERR', 'CONFLICT', ''} end
            redis.call('SET', P .. 'settings', ARGV[4])
            touch(ARGV[1])
            return {'OK', ''}
            """;

    /** ARGV: ttl, message key, version id. The message key itself is written separately (another slot). */
    static final String RECORD_MESSAGE = ConversationKeyspace.LUA_PRELUDE + """
            if redis.call('HEXISTS', P .. 'versions', ARGV[3]) == 0 then return {'ERR', 'VERSION_NOT_FOUND', ARGV[3]} end
            redis.call('SADD', P .. 'msgs', ARGV[2])
            touch(ARGV[1])
            return {'OK', ''}
            """;

    /**
     * ARGV: ttl of the revoked list, now, ttl of the forgotten mark. Deletes every key of the conversation; its recent
     * jobs go on the revoked list first, so none of them can write a version afterwards, and the time of the forget
     * is kept (outside the conversation's keys) so nothing made for it before comes back. Replies {message keys,
     * charged users} for the caller to clean up.
     */
    static final String FORGET = ConversationKeyspace.LUA_PRELUDE + """
            redis.call('SET', P .. 'forgotten', ARGV[2], 'PX', ARGV[3])
            local jobs = redis.call('LRANGE', P .. 'recentjobs', 0, -1)
            if #jobs > 0 then
              redis.call('SADD', P .. 'revoked', unpack(jobs))
              redis.call('PEXPIRE', P .. 'revoked', ARGV[1])
            end
            local msgs = redis.call('SMEMBERS', P .. 'msgs')
            local users = redis.call('HKEYS', P .. 'charge')
            for _, b in ipairs(redis.call('HKEYS', P .. 'blobmeta')) do redis.call('DEL', P .. 'blob:' .. b) end
            for _, k in ipairs(FIXED) do redis.call('DEL', P .. k) end
            return {msgs, users}
            """;
}
