package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * How a worker takes its next job from the dispatch stream (for {@link JobQueue#claim}): first one held by a worker
 * whose heartbeat stopped ({@link LivenessScripts#TAKEOVER}), then one whose entry went a lease without a heartbeat
 * (XAUTOCLAIM), else a new one (XREADGROUP). Entries of cancelled or finished jobs are skipped.
 */
final class EntryClaims {

    private static final Logger log = LoggerFactory.getLogger(EntryClaims.class);
    private static final List<String> ROUTE = List.of(JobKeys.DISPATCH);

    private final UnifiedJedis jedis;
    private final Clock clock;
    private final JobLimits limits;
    private final JobJson json;
    private final LuaScript claimScript = new LuaScript(JobScripts.CLAIM);
    private final LuaScript takeoverScript = new LuaScript(LivenessScripts.TAKEOVER);

    EntryClaims(UnifiedJedis jedis, Clock clock, JobLimits limits, JobJson json) {
        this.jedis = jedis;
        this.clock = clock;
        this.limits = limits;
        this.json = json;
    }

    Optional<JobQueue.Held> claim(String workerId, Duration block, Predicate<String> holds) {
        try {
            return claimOnce(workerId, block, holds);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                throw e;
            }
            // Redis lost the stream (restart without persistence, FLUSHALL): start a fresh one.
            log.warn("The job stream or its consumer group was gone; creating them again");
            JobQueue.ensureGroup(jedis, JobKeys.DISPATCH, JobKeys.WORKER_GROUP);
            return Optional.empty();
        }
    }

    private Optional<JobQueue.Held> claimOnce(String workerId, Duration block, Predicate<String> holds) {
        List<?> silent = (List<?>) takeoverScript.run(jedis, ROUTE, List.of(JobKeys.PREFIX, workerId,
                Long.toString(clock.millis())));
        if (!silent.isEmpty()) {
            String sid = (String) silent.get(0);
            log.info("Worker {} took over job entry {} from a worker whose heartbeat stopped", workerId, sid);
            Optional<JobQueue.Held> taken = claimEntry(workerId, (String) silent.get(1), sid, holds);
            if (taken.isPresent()) {
                return taken;
            }
        }
        List<StreamEntry> entries = RedisGuard.call(() -> jedis.xautoclaim(JobKeys.DISPATCH, JobKeys.WORKER_GROUP,
                workerId, limits.lease().toMillis(), new StreamEntryID(0, 0),
                XAutoClaimParams.xAutoClaimParams().count(1)).getValue());
        if (entries.isEmpty()) {
            var read = RedisGuard.call(() -> jedis.xreadGroup(JobKeys.WORKER_GROUP, workerId,
                    XReadGroupParams.xReadGroupParams().count(1).block((int) Math.max(1, block.toMillis())),
                    Map.of(JobKeys.DISPATCH, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
            entries = read == null || read.isEmpty() ? List.of() : read.getFirst().getValue();
        } else {
            log.info("Worker {} took over job entry {} from a worker that stopped", workerId, entries.getFirst().getID());
        }
        for (StreamEntry entry : entries) {
            if (entry.getFields() == null || entry.getFields().get("job") == null) {
                continue;
            }
            Optional<JobQueue.Held> taken = claimEntry(workerId, entry.getFields().get("job"), entry.getID().toString(), holds);
            if (taken.isPresent()) {
                return taken;
            }
        }
        return Optional.empty();
    }

    private Optional<JobQueue.Held> claimEntry(String workerId, String jobId, String sid, Predicate<String> holds) {
        List<?> reply = (List<?>) claimScript.run(jedis, ROUTE, List.of(JobKeys.PREFIX, jobId, sid,
                workerId, Long.toString(clock.millis()), Integer.toString(limits.maxAttempts()),
                Long.toString(limits.resultTtl().toMillis()), holds.test(jobId) ? "1" : "0",
                new JobFailure.Expired().stored()));
        String verdict = (String) reply.get(0);
        if (!"RUN".equals(verdict) && !"LAST".equals(verdict)) {
            return Optional.empty();
        }
        JobSpec spec = json.read((String) reply.get(1), JobSpec.class);
        int attempt = (int) (long) (Long) reply.get(2);
        return Optional.of(new JobQueue.Held(new ClaimedJob(spec, attempt, workerId), sid, "LAST".equals(verdict)));
    }
}
