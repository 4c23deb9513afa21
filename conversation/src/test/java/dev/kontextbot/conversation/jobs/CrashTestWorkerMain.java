package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisConnector;
import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * A worker in its own JVM, for the crash tests: {@code <redisUrl> <workerId> <stepMs> <leaseMs> [crash-in-prepare|drill|<kill point>]}.
 * Runs until the test kills it; with {@code crash-in-prepare} the process dies at once while preparing a job, as a
 * picture that exhausts the decoder would make it; with one of {@link StoredResultKillTest#KILL_POINTS} it dies just
 * after storing a job's result.
 */
public final class CrashTestWorkerMain {

    private CrashTestWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        UnifiedJedis jedis = RedisConnector.open(args[0]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        String mode = args.length > 4 ? args[4] : "";
        JobLimits limits = switch (mode) {
            case "drill" -> JobDrillTest.limits(lease);
            case StoredResultKillTest.ON_LAST_ATTEMPT -> StoredResultKillTest.oneAttempt(lease);
            default -> JobFixtures.limits(100, 100, lease);
        };
        JobQueue queue = new JobQueue(jedis, Clock.systemUTC(), limits);
        JobHandler handler = new ApplyOnceHandler(jedis, Duration.ofMillis(Long.parseLong(args[2])));
        if (StoredResultKillTest.KILL_POINTS.contains(mode)) {
            handler = StoredResultKillTest.haltingAfterStore(handler, mode);
        }
        if (args.length > 4 && args[4].equals("crash-in-prepare")) {
            handler = new JobHandler() {
                @Override
                public Object prepare(ClaimedJob job) {
                    Runtime.getRuntime().halt(137);
                    return null;
                }

                @Override
                public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress,
                        CancellationFlag cancel) {
                    throw new IllegalStateException("never reached");
                }
            };
        }
        JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), args[1], handler,
                new JobWorker.Options(Duration.ofMillis(100), true, Duration.ofMillis(200)));
        worker.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
