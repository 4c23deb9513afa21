package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisServerExtension;
import dev.kontextbot.conversation.testing.RedisTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The drill: a burst of edits from eight users while worker processes are SIGKILLed one after another and Redis is
 * restarted under everyone (data kept). Counts what went wrong (lost, duplicated, delivered twice, workers that
 * crashed by themselves), prints them and asserts that each is zero.
 */
@RedisTest
class JobDrillTest {

    private static final long LEASE_MS = 1000;
    private static final int USERS = 8;
    private static final int JOBS_PER_USER = 3;
    private static final int KILLS = 4;

    /** Enough attempts that a job hit by several kills still finishes; the drill is about losing nothing. */
    static JobLimits limits(Duration lease) {
        return new JobLimits(1000, 100, new TokenBucket(1000, Duration.ofMillis(1)),
                new TokenBucket(1000, Duration.ofMillis(1)), 10, lease, Duration.ofHours(1));
    }

    @TempDir
    Path logs;

    private int started;

    private Process worker(RedisServerProcess server) throws IOException {
        String id = "drill-w" + (++started);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashTestWorkerMain.class.getName(), server.url(), id, "40", Long.toString(LEASE_MS), "drill")
                .redirectErrorStream(true).redirectOutput(logs.resolve(id + ".log").toFile()).start();
    }

    @Test
    void workersKilledAndRedisRestartedDuringABurstLoseNothing(UnifiedJedis redis, RedisServerProcess server)
            throws Exception {
        // Restarts the one server; on a cluster a node's loss is a failover, which RunOnRedisClusterTest drills.
        RedisServerExtension.assumeSingleServer();
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(Duration.ofMillis(LEASE_MS)));
        List<String> jobs = new ArrayList<>();
        for (int round = 0; round < JOBS_PER_USER; round++) {
            for (int u = 0; u < USERS; u++) {
                jobs.add(((SubmitResult.Accepted) queue.submit(spec("user-" + u, null, 8))).jobId());
            }
        }
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        int crashed = 0;
        List<Process> workers = new ArrayList<>(List.of(worker(server), worker(server)));
        try (DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "drill-fe",
                c -> deliveries.computeIfAbsent(c.jobId(), id -> new AtomicInteger()).incrementAndGet())) {
            frontEnd.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                Thread.sleep(1500);
                Process victim = workers.removeFirst();
                if (!victim.isAlive()) {
                    crashed++;
                }
                victim.destroyForcibly().waitFor(); // SIGKILL, mid-job most of the time
                workers.add(worker(server));
                if (kill == 2) {
                    server.restart();
                }
            }
            await("every job delivered", Duration.ofSeconds(45),
                    () -> jobs.stream().allMatch(deliveries::containsKey));
            Thread.sleep(300); // a second delivery of any job would show up now
            for (Process w : workers) {
                if (!w.isAlive()) {
                    crashed++;
                }
            }
        } finally {
            for (Process w : workers) {
                w.destroyForcibly().waitFor();
            }
        }

        long lost = jobs.stream().filter(id -> queue.record(id).map(r -> r.status() != JobStatus.DONE).orElse(true))
                .count();
        long duplicated = jobs.stream().filter(id -> {
            String applied = redis.get(ApplyOnceHandler.versionsKey(id));
            return applied == null || Integer.parseInt(applied) > 1;
        }).count();
        long deliveredTwice = deliveries.values().stream().filter(n -> n.get() > 1).count();
        long retried = jobs.stream().filter(id -> queue.record(id).map(r -> r.attempts() > 1).orElse(false)).count();
        System.out.printf("Drill: %d jobs, %d workers killed, Redis restarted once, %d jobs hit mid-run; "
                        + "lost %d, duplicated %d, delivered twice %d, crashed %d%n",
                jobs.size(), KILLS, retried, lost, duplicated, deliveredTwice, crashed);

        assertThat(lost).as("lost").isZero();
        assertThat(duplicated).as("applied other than once").isZero();
        assertThat(deliveredTwice).as("delivered twice").isZero();
        assertThat(crashed).as("workers that died by themselves; logs in " + logs).isZero();
        assertThat(redis.xlen(JobKeys.DISPATCH)).isZero();
    }
}
