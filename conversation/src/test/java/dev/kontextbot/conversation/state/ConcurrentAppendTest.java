package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisServerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

@ExtendWith(RedisServerExtension.class)
class ConcurrentAppendTest {

    private static final String CONV = "telegram:7";

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
            t.join();
        }

        List<HistoryEntry> history = store.history(CONV);
        assertThat(history).hasSize(1 + 30);
        assertThat(history).extracting(h -> h.version().number()).doesNotHaveDuplicates();
        assertThat(made.stream().map(Version::id).distinct().count()).isEqualTo(30);
        assertThat(history).extracting(h -> h.version().jobId()).doesNotHaveDuplicates();
    }

    @Test
    void appendsFromTwoProcessesInterleaveWithoutLoss(RedisServerProcess server, UnifiedJedis redis) throws Exception {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AppendFromAnotherProcess.class.getName(), server.url(), CONV, "other-", "40")
                .redirectErrorStream(true).start();
        // wait until the other JVM is up and appending, so the two really overlap
        int first = other.getInputStream().read();
        String png = store.blobs(CONV, "u").putPng(TestImages.png(99));
        for (int i = 0; i < 40; i++) {
            store.append(CONV, NewVersion.upload(png, 64, 64, "u", "here-" + i));
        }
        String output = new String(other.getInputStream().readAllBytes());
        assertThat(other.waitFor()).as((char) first + output).isZero();

        List<HistoryEntry> history = store.history(CONV);
        assertThat(history).hasSize(80);
        assertThat(history).extracting(h -> h.version().number())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 80).boxed().toList());
        assertThat(history).filteredOn(h -> h.version().jobId().startsWith("other-")).hasSize(40);
        assertThat(redis.keys("kb:{" + CONV + "}:blob:*")).as("one image, stored once").hasSize(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
