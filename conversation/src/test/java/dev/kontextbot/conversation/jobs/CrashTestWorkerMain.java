package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisConnector;
import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * A worker in its own JVM, for the crash tests: {@code <redisUrl> <workerId> <stepMs> <leaseMs>}. Runs until
 * the test kills it.
 */
public final class CrashTestWorkerMain {

    private CrashTestWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        UnifiedJedis jedis = RedisConnector.open(args[0]);
        JobLimits limits = JobFixtures.limits(100, 100, Duration.ofMillis(Long.parseLong(args[3])));
        JobQueue queue = new JobQueue(jedis, Clock.systemUTC(), limits);
        JobWorker worker = new JobWorker(queue, args[1],
                new ApplyOnceHandler(jedis, Duration.ofMillis(Long.parseLong(args[2]))),
                new JobWorker.Options(Duration.ofMillis(100), true, Duration.ofMillis(200)));
        worker.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
