package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisClusterHarness;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * A harness, run by hand (not a test), for docs/scaling.md: on a real 3-master, 3-replica cluster started for the
 * run, the Redis memory of one active user at the defaults (an uploaded picture, edits with their latents, chat
 * memory, message index, settings, ledger), per part, and the time of a version append with and without waiting
 * for a replica. Run: {@code java -cp <test classpath> dev.kontextbot.conversation.state.SizingBenchmark}.
 */
public final class SizingBenchmark {

    /** A 1024x1024 photo-like PNG as the pipeline writes it is about 1.5 MB; latents are [1,16,128,128] fp16. */
    private static final int PNG_BYTES = 1_500_000;
    private static final int EDITS = 10;

    private SizingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (RedisClusterHarness cluster = RedisClusterHarness.start(Files.createTempDirectory("kb-sizing"));
                UnifiedJedis redis = RedisConnector.open(cluster.url())) {
            long before = usedMemory(cluster);
            ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
            String user = "123456789";
            String conv = new ConversationKey("telegram", "-1001234567890", Optional.empty(), Optional.of(user)).id();
            BlobStore blobs = store.blobs(conv, user);
            String upload = blobs.putPng(TestImages.png(1, PNG_BYTES));
            String parent = store.append(conv, NewVersion.upload(upload, 1024, 1024, user, "upload")).id();
            store.recordMessage(new MessageRef("telegram", "-1001234567890", "1000"), conv, parent);
            long metaOne = metadata(redis, cluster, conv);
            for (int i = 1; i <= EDITS; i++) {
                String png = blobs.putPng(TestImages.png(100 + i, PNG_BYTES));
                String lat = blobs.putLatents(StateBenchmark.randomLatents(i));
                parent = store.append(conv, new NewVersion(parent, "make her smile and add round sunglasses",
                        "Make the woman smile and add round sunglasses, keeping her identity, pose and the background "
                                + "exactly the same.", 1234567890123L + i, 28, 2.5, 1024, 1024, png, lat, user,
                        "job-" + i)).id();
                store.recordMessage(new MessageRef("telegram", "-1001234567890", Integer.toString(1000 + i)), conv,
                        parent);
            }
            long metaAll = metadata(redis, cluster, conv);
            new RedisChatMemoryStore(redis, store.policy()).updateMessages(conv, chat(2 * EDITS));
            long memoryKey = usage(redis, ConversationKeyspace.key(conv, "memory"));
            long png = usage(redis, ConversationKeyspace.blob(conv, upload));
            long lat = usage(redis, ConversationKeyspace.blob(conv, store.head(conv).orElseThrow().latentBlob()));
            long ledger = usage(redis, ConversationKeyspace.userUsage(user));
            long total = keys(cluster).stream().mapToLong(k -> usage(redis, k)).sum();
            long after = usedMemory(cluster);
            System.out.printf(Locale.ROOT, "redis %s, %d masters%n", version(cluster), cluster.masters().size());
            System.out.printf(Locale.ROOT, "PNG blob (1.5 MB): %d B; latent blob (16x128x128 fp16): %d B%n", png, lat);
            System.out.printf(Locale.ROOT, "metadata: 1 version %d B, %d versions %d B, %.0f B per version%n", metaOne,
                    EDITS + 1, metaAll, (metaAll - metaOne) / (double) EDITS);
            System.out.printf(Locale.ROOT, "chat memory (%d messages): %d B; user ledger: %d B%n", 2 * EDITS,
                    memoryKey, ledger);
            System.out.printf(Locale.ROOT, "one user, 1 upload + %d edits: %d B in keys; used_memory grew %d B over "
                    + "the masters%n", EDITS, total, after - before);
            appendTimes(redis, store, conv, user, upload);
        }
    }

    private static void appendTimes(UnifiedJedis cluster, ConversationStore onCluster, String conv, String user,
            String png) throws Exception {
        String root = onCluster.head(conv).orElseThrow().id();
        System.out.printf(Locale.ROOT, "append on the cluster (WAIT 1 to a replica): p50 %.2f ms%n",
                p50(i -> onCluster.append(conv, new NewVersion(root, "x", "x", i, 28, 2.5, 1024, 1024, png, null,
                        user, "t-" + i))));
        try (RedisServerProcess single = RedisServerProcess.start(new RedisServerProcess.Options(
                Files.createTempDirectory("kb-sizing-single"), 0, true));
                UnifiedJedis redis = RedisConnector.open(single.url())) {
            ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
            String blob = store.blobs(conv, user).putPng(TestImages.png(1, 1000));
            String r = store.append(conv, NewVersion.upload(blob, 1024, 1024, user, "upload")).id();
            System.out.printf(Locale.ROOT, "append on one server (no replica, no WAIT): p50 %.2f ms%n",
                    p50(i -> store.append(conv, new NewVersion(r, "x", "x", i, 28, 2.5, 1024, 1024, blob, null, user,
                            "t-" + i))));
        }
    }

    private static double p50(java.util.function.IntConsumer op) {
        long[] times = new long[300];
        for (int i = 0; i < 320; i++) {
            long t0 = System.nanoTime();
            op.accept(i);
            if (i >= 20) {
                times[i - 20] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(times);
        return times[times.length / 2] / 1e6;
    }

    private static List<ChatMessage> chat(int n) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(i % 2 == 0 ? UserMessage.from("now make the sky a little more orange, like at sunset")
                    : AiMessage.from("Queued your edit: the sky turns warmer and more orange; everything else stays."));
        }
        return messages;
    }

    private static List<String> keys(RedisClusterHarness cluster) {
        List<String> keys = new ArrayList<>();
        for (RedisServerProcess m : cluster.masters()) {
            try (Jedis node = new Jedis("127.0.0.1", m.port())) {
                keys.addAll(node.keys("kb:*"));
            }
        }
        return keys;
    }

    private static long metadata(UnifiedJedis redis, RedisClusterHarness cluster, String conv) {
        return keys(cluster).stream().filter(k -> k.startsWith(ConversationKeyspace.prefix(conv)))
                .filter(k -> !k.contains(":blob:") && !k.endsWith(":memory")).mapToLong(k -> usage(redis, k)).sum();
    }

    private static long usage(UnifiedJedis redis, String key) {
        Long bytes = redis.memoryUsage(key, 0);
        return bytes == null ? 0 : bytes;
    }

    private static long usedMemory(RedisClusterHarness cluster) {
        long sum = 0;
        for (RedisServerProcess m : cluster.masters()) {
            try (Jedis node = new Jedis("127.0.0.1", m.port())) {
                sum += node.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                        .mapToLong(l -> Long.parseLong(l.substring(12).trim())).sum();
            }
        }
        return sum;
    }

    private static String version(RedisClusterHarness cluster) {
        try (Jedis node = new Jedis("127.0.0.1", cluster.masters().getFirst().port())) {
            return node.info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst().orElse("?");
        }
    }
}
