package dev.kontextbot.core;

import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.TokenBucket;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.UnifiedJedis;

/**
 * Benchmark, not a test: how long a turn that queues a job takes to answer "queued" when 50 conversations talk at
 * once, in rule-based mode against a local Redis. Each conversation first sends a 640x480 picture with an
 * instruction, then plain instructions. No worker runs, so jobs only queue. Run:
 * {@code java -cp <bot-core test classpath> dev.kontextbot.core.TurnLatencyBenchmark [conversations] [rounds]
 * [thinkMs]} (thinkMs: mean pause between one conversation's messages; 0 = none).
 */
public final class TurnLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long thinkMs = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Path dir = Files.createTempDirectory("turn-bench");
        try (RedisServerProcess server = RedisServerProcess.start(new RedisServerProcess.Options(dir, 0, true));
             UnifiedJedis redis = RedisConnector.open(server.url())) {
            // No worker: the benchmark times the turns (upload, parse, queue), not the model.
            try (TestBot testBot = TestBot.on(redis, dir).worker(false).limits(new JobLimits(1_000_000, 1_000,
                    new TokenBucket(1_000_000, Duration.ofMillis(1)), new TokenBucket(1_000_000, Duration.ofMillis(1)),
                    2, Duration.ofSeconds(30), Duration.ofDays(1))).start()) {
                KontextBot bot = testBot.bot();
                byte[] picture = TestPictures.png(640, 480);
                // Warm-up: class loading, JIT, script loading.
                run(bot, 10, 3, 0, 0, picture, "warm", new ArrayList<>());
                // Phase 1: every conversation sends its picture at once. Phase 2: all of them keep talking, each
                // sending its next instruction as soon as the last one was answered (no pause between messages).
                String runId = Long.toHexString(System.nanoTime());
                List<Long> uploads = Collections.synchronizedList(new ArrayList<>());
                List<Long> edits = Collections.synchronizedList(new ArrayList<>());
                run(bot, conversations, 1, 0, 0, picture, runId, uploads);
                run(bot, conversations, rounds, 1, thinkMs, picture, runId, edits);
                report("turns with a 640x480 upload (all conversations at once)", uploads);
                report("turns with an instruction only (" + conversations + " conversations at once, think time "
                        + thinkMs + " ms)", edits);
            }
        }
    }

    /** Each conversation sends {@code rounds} messages; round 0 carries the picture. */
    private static void run(KontextBot bot, int conversations, int rounds, int firstRound, long thinkMs, byte[] picture,
                            String runId, List<Long> answers) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(conversations);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < conversations; c++) {
                String user = "u" + c + "-" + runId;
                threads.execute(() -> {
                    ChatOrigin origin = ChatOrigin.privateChat("bench", user, new ChatUser(user, user, false));
                    for (int r = firstRound; r < firstRound + rounds; r++) {
                        pause(thinkMs);
                        boolean upload = r == 0;
                        ChatEvent event = new ChatEvent(origin, Optional.empty(), "make the sky more blue",
                                upload ? List.of(TestPictures.attachment("p.png", picture)) : List.of(),
                                Optional.empty(), Optional.empty());
                        CompletableFuture<Long> answered = new CompletableFuture<>();
                        long start = System.nanoTime();
                        bot.onMessage(event, reply -> {
                            if (reply instanceof Reply.Queued || reply instanceof Reply.Error) {
                                answered.complete(System.nanoTime() - start);
                            }
                            return Optional.empty();
                        }).orTimeout(2, TimeUnit.MINUTES).join();
                        answers.add(answered.getNow(-1L));
                    }
                    done.countDown();
                });
            }
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the simulated users did not finish within 30 minutes");
            }
        }
    }

    /** A person's pause before the next message: uniform in [0, 2 * thinkMs), mean thinkMs. */
    private static void pause(long thinkMs) {
        if (thinkMs > 0) {
            try {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2 * thinkMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.removeIf(n -> n < 0);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(what + ": no answers");
            return;
        }
        System.out.printf("%s: n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms (unanswered %d)%n", what,
                sorted.size(), ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                sorted.getLast() / 1e6, nanos.size() - sorted.size());
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
