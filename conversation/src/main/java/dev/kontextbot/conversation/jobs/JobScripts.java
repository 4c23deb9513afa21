package dev.kontextbot.conversation.jobs;

/**
 * The Lua sources of the queue's state changes, each one atomic. ARGV[1] is always the key prefix; keys are built from
 * it inside the scripts (all share the {jobs} hash tag). Statuses and counters only change here.
 */
final class JobScripts {

    static final String PRELUDE = """
            local P = ARGV[1]
            local DISPATCH = P .. 'dispatch'
            local GROUP = 'workers'
            local COUNTS = P .. 'counts'
            local QUEUEDZ = P .. 'queued'

            local function terminal(s)
              return s == 'DONE' or s == 'FAILED' or s == 'CANCELLED' or s == 'EXPIRED'
            end

            -- appends a job to the dispatch stream (the FIFO the workers' consumer group reads)
            local function enqueue(jobId)
              local id = redis.call('XADD', DISPATCH, '*', 'job', jobId)
              local seq = redis.call('INCR', P .. 'seq')
              redis.call('ZADD', QUEUEDZ, seq, jobId)
              redis.call('HSET', P .. 'job:' .. jobId, 'streamId', id, 'where', 'stream')
              return id
            end

            -- moves the user's next waiting job into the stream, or frees the user's slot
            local function promote(user)
              local nextId = redis.call('LPOP', P .. 'waiting:' .. user)
              if nextId then
                enqueue(nextId)
                redis.call('SET', P .. 'slot:' .. user, nextId)
              else
                redis.call('DEL', P .. 'slot:' .. user)
              end
            end

            local function leaveSlot(jobId, user)
              if redis.call('GET', P .. 'slot:' .. user) == jobId then promote(user) end
            end

            -- the one way a job ends: status, counters, completion event, stream entry acknowledged
            local function finish(jobId, status, versionId, code, message, now, ttl)
              local job = P .. 'job:' .. jobId
              local prev = redis.call('HGET', job, 'status')
              if (not prev) or terminal(prev) then return 0 end
              redis.call('HSET', job, 'status', status, 'finishedAt', now, 'versionId', versionId,
                'errorCode', code, 'errorMessage', message, 'where', '')
              if prev == 'RUNNING' then
                redis.call('HINCRBY', COUNTS, 'running', -1)
              else
                redis.call('HINCRBY', COUNTS, 'queued', -1)
              end
              redis.call('HINCRBY', COUNTS, string.lower(status), 1)
              local user = redis.call('HGET', job, 'user')
              redis.call('SREM', P .. 'active:' .. user, jobId)
              local platform = redis.call('HGET', job, 'platform')
              redis.call('XADD', P .. 'deliveries:' .. platform, 'MAXLEN', '~', '10000', '*',
                'job', jobId, 'status', status, 'spec', redis.call('HGET', job, 'spec'),
                'versionId', versionId, 'errorCode', code, 'message', message, 'finishedAt', now)
              local sid = redis.call('HGET', job, 'streamId')
              if sid and sid ~= '' then
                redis.call('XACK', DISPATCH, GROUP, sid)
                redis.call('XDEL', DISPATCH, sid)
              end
              redis.call('PEXPIRE', job, ttl)
              return 1
            end

            -- a worker is alive until the time its last heartbeat promised (kb:{jobs}:alive); missing = not alive
            local function alive(worker, now)
              local till = redis.call('ZSCORE', P .. 'alive', worker)
              return till ~= false and till ~= nil and tonumber(till) >= now
            end

            -- the user's queued and running jobs, leaving out those held by a worker whose heartbeat stopped: they
            -- are taken over soon, and until then the user must not be told they have pictures in progress
            local function countedActive(active, now)
              local n = 0
              for _, j in ipairs(redis.call('SMEMBERS', active)) do
                local h = redis.call('HMGET', P .. 'job:' .. j, 'status', 'worker')
                if h[1] ~= 'RUNNING' or (h[2] and h[2] ~= '' and alive(h[2], now)) then n = n + 1 end
              end
              return n
            end

            -- true when the stream entry is pending for this worker (nobody took it over)
            local function owns(sid, worker)
              local p = redis.call('XPENDING', DISPATCH, GROUP, sid, sid, 1)
              return p[1] ~= nil and p[1][2] == worker
            end
            """;

    /** ARGV: P, jobId, spec, user, group|'', route (the platform, or platform:front-end when the result must reach one process), now, maxQueued, perUserActive, uCap, uRefillMs, gCap, gRefillMs, conversation. */
    static final String SUBMIT = (PRELUDE + """
            local jobId, spec, user, grp, platform = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
            local now = tonumber(ARGV[7])
            -- the same submit sent again (its reply was lost in a failover): already queued
            if redis.call('EXISTS', P .. 'job:' .. jobId) == 1 then return {'OK', 0} end
            local queued = tonumber(redis.call('HGET', COUNTS, 'queued') or '0')
            if queued >= tonumber(ARGV[8]) then return {'QUEUE_FULL', 0} end
            local active = P .. 'active:' .. user
            if countedActive(active, now) >= tonumber(ARGV[9]) then return {'USER_CAP', 0} end

            local function level(key, cap, refill)
              local b = redis.call('HMGET', key, 'tokens', 'ts')
              local tokens = tonumber(b[1]) or cap
              local ts = tonumber(b[2]) or now
              if now > ts then tokens = math.min(cap, tokens + (now - ts) / refill) end
              return tokens, math.max(ts, now)
            end
            local function take(key, tokens, ts, cap, refill)
              redis.call('HSET', key, 'tokens', tostring(tokens - 1), 'ts', ts)
              redis.call('PEXPIRE', key, math.ceil(cap * refill) + 60000)
            end
            local uCap, uRefill = tonumber(ARGV[10]), tonumber(ARGV[11])
            local ukey = P .. 'bucket:user:' .. user
            local ut, uts = level(ukey, uCap, uRefill)
            if ut < 1 then return {'RATE_LIMITED', math.ceil((1 - ut) * uRefill), 'user'} end
            local gCap, gRefill = tonumber(ARGV[12]), tonumber(ARGV[13])
            local gkey, gt, gts
            if grp ~= '' then
              gkey = P .. 'bucket:group:' .. grp
              gt, gts = level(gkey, gCap, gRefill)
              if gt < 1 then return {'RATE_LIMITED', math.ceil((1 - gt) * gRefill), 'group'} end
              take(gkey, gt, gts, gCap, gRefill)
            end
            take(ukey, ut, uts, uCap, uRefill)

            local job = P .. 'job:' .. jobId
            redis.call('HSET', job, 'spec', spec, 'status', 'QUEUED', 'attempts', 0, 'queuedAt', now,
              'user', user, 'platform', platform, 'conversation', ARGV[14], 'cancel', 0)
            redis.call('SADD', active, jobId)
            redis.call('HINCRBY', COUNTS, 'queued', 1)
            local slot = P .. 'slot:' .. user
            if redis.call('EXISTS', slot) == 0 then
              enqueue(jobId)
              redis.call('SET', slot, jobId)
            else
              redis.call('RPUSH', P .. 'waiting:' .. user, jobId)
              redis.call('HSET', job, 'where', 'waiting')
            end
            return {'OK', 0}
            """);

    /**
     * ARGV: P, jobId, streamId, worker, now, maxAttempts, ttlMs, holds ('1' when the worker still holds the job in
     * memory), the stored failure of a job that expired in the queue. Returns {'RUN', spec, attempt}, {'LAST', spec,
     * attempts} when its attempts are used up (the worker must not run it again), {'GONE'}, or {'MINE'} when this worker already runs the job (its own
     * entry, idle because a heartbeat ran late). Its own running job that it no longer holds (its outcome was never
     * recorded) is an orphan: it runs again as a new attempt, or it would stay pending forever. The
     * attempt is counted here, at claim, so a job that kills its worker while being prepared still uses one up.
     */
    static final String CLAIM = (PRELUDE + """
            local jobId, sid, worker = ARGV[2], ARGV[3], ARGV[4]
            local now, maxAttempts, ttl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
            local job = P .. 'job:' .. jobId
            local status = redis.call('HGET', job, 'status')
            if (not status) or terminal(status) or redis.call('HGET', job, 'streamId') ~= sid then
              redis.call('XACK', DISPATCH, GROUP, sid)
              redis.call('XDEL', DISPATCH, sid)
              return {'GONE'}
            end
            if status == 'RUNNING' and redis.call('HGET', job, 'worker') == worker and ARGV[8] == '1' then
              -- A worker whose heartbeat ran late took its own running job's entry back: it is the same attempt.
              return {'MINE'}
            end
            local user = redis.call('HGET', job, 'user')
            if status == 'QUEUED' then
              redis.call('ZREM', QUEUEDZ, jobId)
              leaveSlot(jobId, user)
              if now - tonumber(redis.call('HGET', job, 'queuedAt')) > ttl then
                finish(jobId, 'EXPIRED', '', 'expired', ARGV[9], now, ttl)
                return {'GONE'}
              end
              redis.call('HINCRBY', COUNTS, 'queued', -1)
              redis.call('HINCRBY', COUNTS, 'running', 1)
              redis.call('HSET', job, 'status', 'RUNNING', 'where', '')
            end
            local attempts = tonumber(redis.call('HGET', job, 'attempts'))
            redis.call('HSET', job, 'worker', worker)
            if attempts >= maxAttempts then
              -- Not run again; the worker looks for a result an earlier run stored, else ends it FAILED.
              return {'LAST', redis.call('HGET', job, 'spec'), attempts}
            end
            attempts = redis.call('HINCRBY', job, 'attempts', 1)
            return {'RUN', redis.call('HGET', job, 'spec'), attempts}
            """);

    /** ARGV: P, jobId, streamId, worker, now. Returns {attempt, cancel} or {-1} when the job was taken over. */
    static final String START = (PRELUDE + """
            local jobId, sid, worker = ARGV[2], ARGV[3], ARGV[4]
            if not owns(sid, worker) then return {-1} end
            local job = P .. 'job:' .. jobId
            redis.call('HSET', job, 'startedAt', ARGV[5])
            return {tonumber(redis.call('HGET', job, 'attempts')), tonumber(redis.call('HGET', job, 'cancel'))}
            """);

    /**
     * ARGV: P, jobId, streamId, worker, now, ttlMs, status, versionId, code, message, durationMs.
     * Returns 1 when finished, 0 when it had already ended, -1 when another worker holds it now.
     */
    static final String FINISH = (PRELUDE + """
            local jobId, sid, worker = ARGV[2], ARGV[3], ARGV[4]
            if not owns(sid, worker) then return -1 end
            local r = finish(jobId, ARGV[7], ARGV[8], ARGV[9], ARGV[10], tonumber(ARGV[5]), tonumber(ARGV[6]))
            local ms = tonumber(ARGV[11])
            if r == 1 and ARGV[7] == 'DONE' and ms > 0 then
              redis.call('LPUSH', P .. 'durations', ms)
              redis.call('LTRIM', P .. 'durations', 0, 19)
            end
            return r
            """);

    /**
     * Puts a held job back at the tail of the stream (retry, or a prefetched job at shutdown). ARGV: P, jobId,
     * streamId, worker, refund ('1' gives back the attempt counted at claim: the job never ran).
     */
    static final String REQUEUE = (PRELUDE + """
            local jobId, sid, worker = ARGV[2], ARGV[3], ARGV[4]
            if not owns(sid, worker) then return -1 end
            local job = P .. 'job:' .. jobId
            if redis.call('HGET', job, 'status') ~= 'RUNNING' then return 0 end
            redis.call('XACK', DISPATCH, GROUP, sid)
            redis.call('XDEL', DISPATCH, sid)
            redis.call('HSET', job, 'status', 'QUEUED', 'worker', '')
            if ARGV[5] == '1' then redis.call('HINCRBY', job, 'attempts', -1) end
            redis.call('HINCRBY', COUNTS, 'running', -1)
            redis.call('HINCRBY', COUNTS, 'queued', 1)
            enqueue(jobId)
            return 1
            """);

    /** ARGV: P, jobId, requester, admin 1|0, now, ttlMs, the stored failure of a job cancelled before it started. */
    static final String CANCEL = (PRELUDE + """
            local jobId, requester, admin = ARGV[2], ARGV[3], ARGV[4]
            local job = P .. 'job:' .. jobId
            local status = redis.call('HGET', job, 'status')
            if not status then return {'NOT_FOUND'} end
            local user = redis.call('HGET', job, 'user')
            if user ~= requester and admin ~= '1' then return {'REFUSED'} end
            if terminal(status) then return {'FINISHED', status} end
            if status == 'RUNNING' then
              redis.call('HSET', job, 'cancel', 1)
              return {'STOPPING'}
            end
            if redis.call('HGET', job, 'where') == 'waiting' then
              redis.call('LREM', P .. 'waiting:' .. user, 0, jobId)
            else
              redis.call('ZREM', QUEUEDZ, jobId)
              leaveSlot(jobId, user)
            end
            finish(jobId, 'CANCELLED', '', 'cancelled', ARGV[7], tonumber(ARGV[5]), tonumber(ARGV[6]))
            return {'REMOVED'}
            """);

    private JobScripts() {
    }
}
