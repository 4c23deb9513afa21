package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class ConcurrentAppendTest {

    private static final String CONV = "telegram:7";
    /** Both processes append many roots; a high cap keeps them all so the count can be checked. */
    static final RetentionPolicy NO_PRUNING = new RetentionPolicy(Duration.ofDays(1), 10_000, 0);
    private static final int PER_PROCESS = 150;

    @Test
    void appendsFromSeveralThreadsGetDistinctNumbersAndRetriedJobsAddNothing(UnifiedJedis redis) throws Exception {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
        String png = store.blobs(CONV, "u").putPng(TestImages.png(1));
        Version root = store.append(CONV, NewVersion.upload(png, 64, 64, "u", "root"));
        ConcurrentLinkedQueue<Version> made = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < 10; i++) {
                    // every job is sent by two threads, as a worker retry would
                    String job = "job-" + (thread / 2) + "-" + i;
                    made.add(store.append(CONV, new NewVersion(root.id(), "x", "x", i, 28, 2.5, 64, 64, png, null,
                            "u", job)));
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofMinutes(1))).as("appender finished").isTrue();
        }

        List<HistoryEntry> history = store.history(CONV);
        assertThat(history).hasSize(1 + 30);
        assertThat(history).extracting(h -> h.version().number()).doesNotHaveDuplicates();
        assertThat(made.stream().map(Version::id).distinct().count()).isEqualTo(30);
        assertThat(history).extracting(h -> h.version().jobId()).doesNotHaveDuplicates();
    }

    @Test
    // Reading the other process's output blocks: a separate thread lets the timeout end the test anyway.
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void appendsFromTwoProcessesInterleaveWithoutLoss(RedisServerProcess server, UnifiedJedis redis) throws Exception {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), NO_PRUNING);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AppendFromAnotherProcess.class.getName(), server.url(), CONV, "other-", Integer.toString(PER_PROCESS))
                .redirectErrorStream(true).start();
        // wait until the other JVM is warm and waiting for the start signal (it may log other lines first)
        java.io.BufferedReader output = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null && !line.equals("ready"); line = output.readLine()) {
            seen.append(line).append('\n');
        }
        String png = store.blobs(CONV, "u").putPng(TestImages.png(99));
        AppendFromAnotherProcess.warmUp(store);
        redis.rpush(AppendFromAnotherProcess.GO, "go");
        for (int i = 0; i < PER_PROCESS; i++) {
            store.append(CONV, NewVersion.upload(png, 64, 64, "u", "here-" + i));
        }
        output.lines().forEach(line -> seen.append(line).append('\n'));
        assertThat(other.waitFor(1, TimeUnit.MINUTES)).as("the other process finished: " + seen).isTrue();
        assertThat(other.exitValue()).as(seen.toString()).isZero();

        List<HistoryEntry> history = store.history(CONV);
        assertThat(history).hasSize(2 * PER_PROCESS);
        assertThat(history).extracting(h -> h.version().number())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 2 * PER_PROCESS).boxed().toList());
        assertThat(history).filteredOn(h -> h.version().jobId().startsWith("other-")).hasSize(PER_PROCESS);
        // the two writers really overlapped: their versions interleave in number order
        List<Boolean> fromOther = history.stream().map(h -> h.version().jobId().startsWith("other-")).toList();
        long switches = IntStream.range(1, fromOther.size()).filter(i -> fromOther.get(i) != fromOther.get(i - 1)).count();
        assertThat(switches).as("the writers' versions interleave").isGreaterThan(2);
        assertThat(redis.keys("kb:{" + CONV + "}:blob:*")).as("one image, stored once").hasSize(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the start signal never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
