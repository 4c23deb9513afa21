package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** Where a queued job stands: the jobs ahead of it and when its result should come ({@link JobQueue#position}). */
final class QueuePositions {

    private final UnifiedJedis jedis;
    private final JobQueue queue;

    QueuePositions(UnifiedJedis jedis, JobQueue queue) {
        this.jedis = jedis;
        this.queue = queue;
    }

    /**
     * Jobs ahead and an ETA, while the job is queued. A job in the dispatch stream has exactly its rank ahead;
     * a job waiting behind its owner's earlier jobs is estimated by round robin: the n-th waiting job (0-based)
     * passes after (n + 1) rounds of the users in the stream.
     */
    Optional<QueuePosition> of(String jobId) {
        return RedisGuard.call(() -> {
            List<String> h = jedis.hmget(JobKeys.job(jobId), "status", "where", "user");
            if (!"QUEUED".equals(h.get(0))) {
                return Optional.empty();
            }
            long ahead;
            if ("waiting".equals(h.get(1))) {
                Long index = jedis.lpos(JobKeys.waiting(h.get(2)), jobId);
                long inStream = jedis.zcard(JobKeys.QUEUED);
                ahead = inStream * ((index == null ? 0 : index) + 1);
            } else {
                Long rank = jedis.zrank(JobKeys.QUEUED, jobId);
                ahead = rank == null ? 0 : rank;
            }
            return Optional.of(new QueuePosition((int) ahead, eta(ahead)));
        });
    }

    /** Time until the result: the jobs ahead and the running ones shared by the live workers, plus this one. */
    private Duration eta(long ahead) {
        QueueMetrics m = queue.metrics();
        long rounds = (ahead + m.running()) / Math.max(1, m.liveWorkers()) + 1;
        return queue.averageDuration().multipliedBy(rounds);
    }
}
