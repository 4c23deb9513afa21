package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The durable job queue: submit with limits, look up, cancel, position and ETA, metrics. Workers
 * ({@link JobWorker}) claim through the package-private methods. Layout and fairness: docs/jobs.md.
 */
public final class JobQueue {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    /** ETA basis before any job has finished. */
    static final Duration DEFAULT_JOB_DURATION = Duration.ofSeconds(30);

    private final UnifiedJedis jedis;
    private final Clock clock;
    private final JobLimits limits;
    private final JobJson json = new JobJson();
    // Each queue caches its own script SHAs (no shared mutable state).
    /** Scripts name the dispatch stream as their key so a cluster client routes them to the {jobs} slot. */
    private static final List<String> ROUTE = List.of(JobKeys.DISPATCH);
    private final EntryClaims claims;
    private final QueuePositions positions;
    private final LuaScript submitScript = new LuaScript(JobScripts.SUBMIT);
    private final LuaScript cancelScript = new LuaScript(JobScripts.CANCEL);
    private final LuaScript startScript = new LuaScript(JobScripts.START);
    private final LuaScript finishScript = new LuaScript(JobScripts.FINISH);
    private final LuaScript requeueScript = new LuaScript(JobScripts.REQUEUE);
    private final LuaScript heartbeatScript = new LuaScript(LivenessScripts.HEARTBEAT);

    public JobQueue(UnifiedJedis jedis, Clock clock, JobLimits limits) {
        this.jedis = jedis;
        this.clock = clock;
        this.limits = limits;
        this.claims = new EntryClaims(jedis, clock, limits, json);
        this.positions = new QueuePositions(jedis, this);
        ensureGroup(jedis, JobKeys.DISPATCH, JobKeys.WORKER_GROUP);
    }

    /** Creates a consumer group reading from the start of the stream, unless it exists. */
    static void ensureGroup(UnifiedJedis jedis, String stream, String group) {
        try {
            RedisGuard.call(() -> jedis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true));
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    public SubmitResult submit(JobSpec spec) {
        return submit(spec, "job-" + UUID.randomUUID());
    }

    /** Submits under a given id; the same id twice queues one job (a retried submit after a lost reply). */
    SubmitResult submit(JobSpec spec, String jobId) {
        JobSpec withId = spec.withJobId(jobId);
        String group = spec.groupId() == null ? "" : spec.groupId();
        List<?> reply = (List<?>) submitScript.runReplicated(jedis, ROUTE, List.of(
                JobKeys.PREFIX, jobId, json.write(withId), spec.userId(), group, spec.delivery().route(),
                Long.toString(clock.millis()),
                Integer.toString(limits.maxQueued()), Integer.toString(limits.perUserActive()),
                Integer.toString(limits.perUser().capacity()), Long.toString(limits.perUser().refillEvery().toMillis()),
                Integer.toString(limits.perGroup().capacity()), Long.toString(limits.perGroup().refillEvery().toMillis()),
                spec.conversationId()));
        String verdict = (String) reply.get(0);
        return switch (verdict) {
            case "OK" -> new SubmitResult.Accepted(jobId, position(jobId).orElse(new QueuePosition(0, averageDuration())));
            case "QUEUE_FULL" -> new SubmitResult.Rejected(RejectReason.QUEUE_FULL,
                    roundUp(averageDuration().dividedBy(Math.max(1, liveWorkers()))), limits.perUserActive(), false);
            case "USER_CAP" -> new SubmitResult.Rejected(RejectReason.USER_CAP, roundUp(averageDuration()),
                    limits.perUserActive(), false);
            case "RATE_LIMITED" -> new SubmitResult.Rejected(RejectReason.RATE_LIMITED,
                    roundUp(Duration.ofMillis((Long) reply.get(1))), limits.perUserActive(), "group".equals(reply.get(2)));
            default -> throw new IllegalStateException("Unexpected submit reply " + verdict);
        };
    }

    public Optional<JobRecord> record(String jobId) {
        Map<String, String> h = RedisGuard.call(() -> jedis.hgetAll(JobKeys.job(jobId)));
        if (h.isEmpty() || h.get("spec") == null) {
            return Optional.empty();
        }
        return Optional.of(new JobRecord(
                json.read(h.get("spec"), JobSpec.class),
                JobStatus.valueOf(h.get("status")),
                Integer.parseInt(h.getOrDefault("attempts", "0")),
                instant(h.get("queuedAt")), instant(h.get("startedAt")), instant(h.get("finishedAt")),
                blankToNull(h.get("worker")), blankToNull(h.get("versionId")),
                blankToNull(h.get("errorCode")), blankToNull(h.get("errorMessage")),
                "1".equals(h.get("cancel"))));
    }

    /**
     * Jobs ahead and an ETA, while the job is queued (see {@link QueuePositions}).
     */
    public Optional<QueuePosition> position(String jobId) {
        return positions.of(jobId);
    }

    public CancelResult cancel(String jobId, String requesterUserId, boolean admin) {
        List<?> reply = (List<?>) cancelScript.runReplicated(jedis, ROUTE, List.of(
                JobKeys.PREFIX, jobId, requesterUserId == null ? "" : requesterUserId, admin ? "1" : "0",
                Long.toString(clock.millis()), Long.toString(limits.resultTtl().toMillis()),
                new JobFailure.Cancelled(true).stored()));
        return switch ((String) reply.get(0)) {
            case "REMOVED" -> new CancelResult.Removed(jobId);
            case "STOPPING" -> new CancelResult.Stopping(jobId);
            case "REFUSED" -> new CancelResult.Refused(jobId);
            case "NOT_FOUND" -> new CancelResult.NotFound(jobId);
            case "FINISHED" -> new CancelResult.AlreadyFinished(jobId, JobStatus.valueOf((String) reply.get(1)));
            default -> throw new IllegalStateException("Unexpected cancel reply " + reply);
        };
    }

    public QueueMetrics metrics() {
        return RedisGuard.call(() -> {
            Map<String, String> c = jedis.hgetAll(JobKeys.COUNTS);
            return new QueueMetrics(count(c, "queued"), count(c, "running"), count(c, "done"), count(c, "failed"),
                    count(c, "cancelled"), count(c, "expired"), liveWorkers());
        });
    }

    /** Workers that sent a heartbeat within one lease. */
    public int liveWorkers() {
        long since = clock.millis() - limits.lease().toMillis();
        return (int) (long) RedisGuard.call(() -> jedis.zcount(JobKeys.WORKERS, since, Double.POSITIVE_INFINITY));
    }

    /** Mean execution time of the last 20 successful jobs. */
    public Duration averageDuration() {
        List<String> recent = RedisGuard.call(() -> jedis.lrange(JobKeys.DURATIONS, 0, -1));
        if (recent.isEmpty()) {
            return DEFAULT_JOB_DURATION;
        }
        return Duration.ofMillis((long) recent.stream().mapToLong(Long::parseLong).average().orElse(0));
    }

    /**
     * Hands a result to its front end after the job ended, as a DONE completion under {@code deliveryId} (not the
     * job id, which was already delivered once): a result an admin released from review.
     */
    public void deliverLater(String deliveryId, JobSpec spec, String versionId) {
        // The job's own route: a web session's result must reach the front end that holds its event stream.
        RedisGuard.call(() -> jedis.xadd(JobKeys.deliveries(spec.delivery().route()),
                redis.clients.jedis.params.XAddParams.xAddParams().maxLen(10_000).approximateTrimming(),
                Map.of("job", deliveryId, "status", JobStatus.DONE.name(), "spec", json.write(spec),
                        "versionId", versionId, "errorCode", "", "message", "",
                        "finishedAt", Long.toString(clock.millis()))));
    }

    public JobLimits limits() {
        return limits;
    }

    // ---- worker side (package-private) ----

    /**
     * A job this worker holds, with the stream entry that proves it. {@code exhausted}: its attempts are used up, so
     * it must not run again (an earlier run's stored result may still be reported, see {@link JobHandler#storedResult}).
     */
    record Held(ClaimedJob job, String streamId, boolean exhausted) {
        Held(ClaimedJob job, String streamId) {
            this(job, streamId, false);
        }
    }

    /**
     * Takes one job: first one held by a worker whose heartbeat stopped ({@link LivenessScripts#TAKEOVER}), then one
     * whose entry went a lease without a heartbeat (XAUTOCLAIM), else a new one (XREADGROUP, blocking up to
     * {@code block}). Entries of cancelled or finished jobs are skipped.
     */
    Optional<Held> claim(String workerId, Duration block) {
        return claim(workerId, block, jobId -> true);
    }

    /**
     * {@link #claim}, where {@code holds} says which jobs the worker still holds in memory: its own running job's
     * entry that it does not hold any more (an outcome never recorded) is run again rather than skipped.
     */
    Optional<Held> claim(String workerId, Duration block, Predicate<String> holds) {
        return claims.claim(workerId, block, holds);
    }

    /** Marks execution started; empty when another worker has taken the job over. (Attempts count at claim.) */
    Optional<Started> start(Held held) {
        List<?> reply = (List<?>) startScript.run(jedis, ROUTE, List.of(JobKeys.PREFIX, held.job().jobId(),
                held.streamId(), held.job().workerId(), Long.toString(clock.millis())));
        long attempts = (Long) reply.get(0);
        if (attempts < 0) {
            return Optional.empty();
        }
        return Optional.of(new Started((int) attempts, ((Long) reply.get(1)) == 1L));
    }

    record Started(int attempt, boolean cancelRequested) {
    }

    /** Ends a held job; false when another worker holds it now (this worker's result is not recorded). */
    boolean finish(Held held, JobStatus status, String versionId, JobFailure failure, Duration took) {
        String code = failure == null ? null : failure.code();
        String message = failure == null ? null : failure.stored();
        long r = (Long) finishScript.runReplicated(jedis, ROUTE, List.of(JobKeys.PREFIX, held.job().jobId(),
                held.streamId(), held.job().workerId(), Long.toString(clock.millis()),
                Long.toString(limits.resultTtl().toMillis()), status.name(), nz(versionId), nz(code), nz(message),
                Long.toString(took.toMillis())));
        return r >= 0;
    }

    /** Puts a held job back at the tail of the stream; {@code neverRan} gives back the attempt counted at claim. */
    boolean requeue(Held held, boolean neverRan) {
        long r = (Long) requeueScript.run(jedis, ROUTE, List.of(JobKeys.PREFIX, held.job().jobId(),
                held.streamId(), held.job().workerId(), neverRan ? "1" : "0"));
        return r == 1;
    }

    /** {@link #heartbeat(String, List, Duration)} promising the next heartbeat within a lease. */
    List<Long> heartbeat(String workerId, List<Held> held) {
        return heartbeat(workerId, held, limits.lease());
    }

    /**
     * Renews the worker's liveness and its held entries; per job 1 = cancel asked, 0 = go on, -1 = lost. A worker
     * not heard from again within {@code silence} counts as stopped: its jobs stop counting toward their users'
     * caps and another worker takes them over.
     */
    List<Long> heartbeat(String workerId, List<Held> held, Duration silence) {
        long now = clock.millis();
        List<String> args = new ArrayList<>(List.of(JobKeys.PREFIX, workerId, Long.toString(now),
                Long.toString(now + silence.toMillis())));
        for (Held h : held) {
            args.add(h.job().jobId());
            args.add(h.streamId());
        }
        @SuppressWarnings("unchecked")
        List<Long> reply = (List<Long>) heartbeatScript.run(jedis, ROUTE, args);
        return reply;
    }

    void retire(String workerId) {
        RedisGuard.call(() -> {
            jedis.zrem(JobKeys.ALIVE, workerId);
            return jedis.zrem(JobKeys.WORKERS, workerId);
        });
    }

    boolean cancelRequested(String jobId) {
        return "1".equals(RedisGuard.call(() -> jedis.hget(JobKeys.job(jobId), "cancel")));
    }

    UnifiedJedis jedis() {
        return jedis;
    }

    Clock clock() {
        return clock;
    }

    // ---- helpers ----

    private static long count(Map<String, String> c, String field) {
        return Math.max(0, Long.parseLong(c.getOrDefault(field, "0")));
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isBlank() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Duration roundUp(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return Duration.ofSeconds(s);
    }

}
