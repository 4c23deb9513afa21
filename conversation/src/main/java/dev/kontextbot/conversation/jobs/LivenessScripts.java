package dev.kontextbot.conversation.jobs;

/**
 * The Lua scripts of worker liveness, beside {@link JobScripts} and on the same prelude: a worker's heartbeat
 * renewing what it holds, and another worker taking over the jobs of one whose heartbeat stopped.
 */
final class LivenessScripts {

    /**
     * ARGV: P, worker, now, alive-until, then jobId and streamId pairs. Marks the worker alive (until the time its
     * next heartbeats are due) and resets the idle time of each entry it still owns. Returns per job: 1 cancel
     * requested, 0 carry on, -1 taken over.
     */
    static final String HEARTBEAT = (JobScripts.PRELUDE + """
            local worker = ARGV[2]
            redis.call('ZADD', P .. 'workers', tonumber(ARGV[3]), worker)
            redis.call('ZADD', P .. 'alive', tonumber(ARGV[4]), worker)
            local res = {}
            for i = 5, #ARGV, 2 do
              local jobId, sid = ARGV[i], ARGV[i + 1]
              if owns(sid, worker) then
                redis.call('XCLAIM', DISPATCH, GROUP, worker, 0, sid, 'JUSTID')
                if redis.call('HGET', P .. 'job:' .. jobId, 'cancel') == '1' then
                  res[#res + 1] = 1
                else
                  res[#res + 1] = 0
                end
              else
                res[#res + 1] = -1
              end
            end
            return res
            """);

    /**
     * ARGV: P, worker, now. Takes over one dispatch entry of a worker whose heartbeat stopped (its alive-until has
     * passed), without waiting for the entry's lease: XPENDING and XCLAIM in one step, so two workers never both take
     * it. Returns {streamId, jobId}, or {} when no silent worker holds anything (silent workers holding nothing are
     * forgotten).
     */
    static final String TAKEOVER = (JobScripts.PRELUDE + """
            local me, now = ARGV[2], tonumber(ARGV[3])
            for _, w in ipairs(redis.call('ZRANGEBYSCORE', P .. 'alive', '-inf', '(' .. now, 'LIMIT', 0, 20)) do
              if w ~= me then
                local p = redis.call('XPENDING', DISPATCH, GROUP, '-', '+', 1, w)
                if p[1] then
                  local claimed = redis.call('XCLAIM', DISPATCH, GROUP, me, 0, p[1][1])
                  local entry = claimed[1]
                  if entry then
                    local f = entry[2]
                    for i = 1, #f, 2 do
                      if f[i] == 'job' then return {entry[1], f[i + 1]} end
                    end
                  end
                  -- a deleted or unreadable entry: XCLAIM dropped it or it is now ours; the next round goes on
                  return {}
                end
                redis.call('ZREM', P .. 'alive', w)
              end
            end
            return {}
            """);

    private LivenessScripts() {
    }
}
