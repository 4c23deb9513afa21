package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;
import redis.clients.jedis.UnifiedJedis;

/**
 * A harness, run by hand (not a test): Redis memory per 1024x1024 version and p50/p99 of each operation
 * against a local redis-server started for the run (append-only on, as {@code kontextbot run} starts it).
 * Run: {@code java -cp <test classpath> dev.kontextbot.conversation.state.StateBenchmark}.
 */
public final class StateBenchmark {

    private static final int PNG_BYTES = 1_500_000;
    private static final int LATENTS = 16 * 128 * 128; // [1,16,128,128] for 1024x1024
    private static final String TYPED = "make her smile and add round sunglasses, keep the background as it is";
    private static final String SENT = "Make the woman smile and add round sunglasses to her face, while keeping her "
            + "identity, hairstyle, pose, clothing and the background exactly the same.";

    private StateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(new RedisServerProcess.Options(
                Files.createTempDirectory("kb-bench"), 0, true));
                UnifiedJedis redis = RedisConnector.open(server.url())) {
            System.out.println("redis-server: " + redis.info("server").lines()
                    .filter(l -> l.startsWith("redis_version")).findFirst().orElse("?"));
            memory(redis);
            redis.flushAll();
            timings(redis);
        }
    }

    private static long usage(UnifiedJedis redis, String key) {
        Long bytes = redis.memoryUsage(key, 0);
        return bytes == null ? 0 : bytes;
    }

    private static void memory(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
        String conv = new ConversationKey("telegram", "-1001234567890", java.util.Optional.empty(),
                java.util.Optional.of("123456789")).id();
        BlobStore blobs = store.blobs(conv, "123456789");
        String png = blobs.putPng(TestImages.png(1, PNG_BYTES));
        String lat = blobs.putLatents(randomLatents(1));
        String parent = store.append(conv, new NewVersion(null, "", "", 0, 0, 0, 1024, 1024, png, lat, "123456789",
                "upload-1")).id();
        long imageKey = usage(redis, "kb:{" + conv + "}:blob:" + png);
        long latentKey = usage(redis, "kb:{" + conv + "}:blob:" + lat);
        long metaOne = metadata(redis, conv);
        // 99 more edits; the same image each time, to show it is stored once
        for (int i = 2; i <= 100; i++) {
            parent = store.append(conv, new NewVersion(parent, TYPED, SENT, 1234567890123L + i, 28, 2.5, 1024, 1024,
                    png, lat, "123456789", "01JDQ9Z8W6T3C5X2N7B4K1M0" + i)).id();
        }
        long metaHundred = metadata(redis, conv);
        long blobKeys = redis.keys("kb:{" + conv + "}:blob:*").size();
        System.out.printf(Locale.ROOT, "image blob (1.5 MB PNG): %d bytes%n", imageKey);
        System.out.printf(Locale.ROOT, "latent blob (16x128x128 fp16): %d bytes%n", latentKey);
        System.out.printf(Locale.ROOT, "metadata, 1 version: %d bytes; 100 versions: %d bytes; per version: %.0f bytes%n",
                metaOne, metaHundred, (metaHundred - metaOne) / 99.0);
        System.out.printf(Locale.ROOT, "blob keys after 100 versions of the same image: %d%n", blobKeys);
        System.out.printf(Locale.ROOT, "stored version JSON: %d bytes%n",
                redis.hget("kb:{" + conv + "}:versions", parent).length());
    }

    private static long metadata(UnifiedJedis redis, String conv) {
        return redis.keys("kb:{" + conv + "}:*").stream().filter(k -> !k.contains(":blob:"))
                .mapToLong(k -> usage(redis, k)).sum();
    }

    static float[] randomLatents(long seed) {
        Random random = new Random(seed);
        float[] latents = new float[LATENTS];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) random.nextGaussian();
        }
        return latents;
    }

    private static void timings(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
        String conv = "telegram:-100123:u:42";
        BlobStore blobs = store.blobs(conv, "42");
        List<byte[]> pngs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pngs.add(TestImages.png(100 + i, PNG_BYTES));
        }
        float[] latents = randomLatents(7);
        String png = blobs.putPng(pngs.getFirst());
        String lat = blobs.putLatents(latents);
        String[] head = {store.append(conv, NewVersion.upload(png, 1024, 1024, "42", "root")).id()};
        int[] job = {0};
        System.out.println("operation, n, p50 ms, p99 ms");
        time("putPng (1.5 MB, new)", 40, i -> blobs.putPng(pngs.get(i)));
        time("putPng (1.5 MB, already stored)", 40, i -> blobs.putPng(pngs.get(i)));
        time("putLatents (262144 floats -> fp16)", 20, i -> {
            latents[0] = i;
            blobs.putLatents(latents);
        });
        time("png read (1.5 MB)", 100, i -> blobs.png(png));
        time("latents read (fp16 -> float)", 50, i -> blobs.latents(lat));
        for (int i = 0; i < 99; i++) {
            store.append(conv, new NewVersion(head[0], TYPED, SENT, i, 28, 2.5, 1024, 1024, png, lat, "42",
                    "fill-" + i));
        }
        String root = head[0];
        // siblings of one root: each append is over the cap and prunes the oldest side branch
        time("append (at the 100-version cap, prunes one)", 300, i -> head[0] = store.append(conv, new NewVersion(
                root, TYPED, SENT, i, 28, 2.5, 1024, 1024, png, lat, "42", "job-" + job[0]++)).id());
        String retried = "job-" + (job[0] - 1);
        time("append (retried job)", 300, i -> store.append(conv, new NewVersion(root, TYPED, SENT, i, 28, 2.5,
                1024, 1024, png, lat, "42", retried)));
        time("head", 500, i -> store.head(conv));
        long[] undo = new long[300];
        long[] redo = new long[300];
        for (int i = 0; i < 320; i++) {
            long t0 = System.nanoTime();
            store.undo(conv);
            long t1 = System.nanoTime();
            store.redo(conv);
            long t2 = System.nanoTime();
            if (i >= 20) {
                undo[i - 20] = t1 - t0;
                redo[i - 20] = t2 - t1;
            }
        }
        report("undo", undo);
        report("redo", redo);
        List<Integer> numbers = store.history(conv).stream().map(h -> h.version().number()).toList();
        time("goTo v-number", 300, i -> store.goTo(conv, new VersionRef.ByNumber(numbers.get(i % numbers.size()))));
        time("goTo original", 300, i -> store.goTo(conv, new VersionRef.Original()));
        time("find", 500, i -> store.find(conv, head[0]));
        time("history (100 versions)", 200, i -> store.history(conv));
        time("setReference", 300, i -> store.setReference(conv, ReferenceKind.CHARACTER, "Mia", png));
        time("references", 500, i -> store.references(conv));
        time("settings", 500, i -> store.settings(conv));
        time("updateSettings", 300, i -> store.updateSettings(conv, s -> s.withSteps(1 + i % 50)));
        time("recordMessage", 300, i -> store.recordMessage(new MessageRef("telegram", "-100123", "m" + i), conv,
                head[0]));
        time("resolveMessage", 500, i -> store.resolveMessage(new MessageRef("telegram", "-100123", "m" + (i % 300))));
        RedisChatMemoryStore memory = new RedisChatMemoryStore(redis, RetentionPolicy.defaults());
        List<ChatMessage> chat = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ToolExecutionRequest call = ToolExecutionRequest.builder().id("c" + i).name("edit")
                    .arguments("{\"instruction\":\"" + TYPED + "\"}").build();
            chat.addAll(List.of(UserMessage.from(TYPED), AiMessage.from(call),
                    ToolExecutionResultMessage.from(call, "queued"), AiMessage.from("On it.")));
        }
        time("memory update (40 messages)", 300, i -> memory.updateMessages(conv, chat));
        time("memory get (40 messages)", 300, i -> memory.getMessages(conv));
        time("clearReferences", 300, i -> store.clearReferences(conv, ReferenceKind.CHARACTER));
        String[] convs = new String[30];
        for (int i = 0; i < convs.length; i++) {
            convs[i] = "bench:" + i;
            ConversationStore s = store;
            BlobStore b = s.blobs(convs[i], "42");
            String p = b.putPng(pngs.get(i));
            String v = s.append(convs[i], NewVersion.upload(p, 1024, 1024, "42", "r")).id();
            for (int n = 0; n < 20; n++) {
                v = s.append(convs[i], new NewVersion(v, TYPED, SENT, n, 28, 2.5, 1024, 1024, p, null, "42", "j" + n)).id();
            }
        }
        time("forget (21 versions, 1 image)", 30, 0, i -> store.forget(convs[i]));
    }

    private static void time(String name, int n, IntConsumer op) {
        time(name, n, Math.min(n, 20), op);
    }

    private static void time(String name, int n, int warmUp, IntConsumer op) {
        for (int i = 0; i < warmUp; i++) {
            op.accept(i); // warm-up: JIT and connection pool
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            op.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        report(name, nanos);
    }

    private static void report(String name, long[] nanos) {
        int n = nanos.length;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s, %d, %.3f, %.3f%n", name, n, nanos[n / 2] / 1e6,
                nanos[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6);
    }
}
