package dev.kontextbot.conversation.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.jobs.ProgressEvent;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.TestImages;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.testing.RedisClusterHarness;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** The state layer on a real 3-master, 3-replica cluster started here; one test kills a master mid-burst. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class RedisClusterTest {

    private static final int CONVERSATIONS = 6;

    private RedisClusterHarness cluster;
    private UnifiedJedis redis;

    @BeforeAll
    void startCluster() throws java.io.IOException {
        cluster = RedisClusterHarness.start(java.nio.file.Files.createTempDirectory("kontextbot-cluster-test"));
        redis = RedisConnector.open(cluster.url());
    }

    @AfterAll
    void stopCluster() {
        if (redis != null) {
            redis.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void empty() {
        cluster.awaitServing();
        cluster.flushAll();
    }

    @Test
    void anyNodeUrlGivesTheClusterClientAndOffForcesASingleNodeClient() {
        assertThat(RedisConnector.isCluster(redis)).isTrue();
        String other = cluster.nodes().get(3).url();
        try (UnifiedJedis viaOther = RedisConnector.open(other); UnifiedJedis single = RedisConnector.open(other,
                ClusterMode.OFF)) {
            assertThat(RedisConnector.isCluster(viaOther)).isTrue();
            assertThat(RedisConnector.isCluster(single)).isFalse();
        }
    }

    @Test
    void conversationsSpreadOverMoreThanOneMaster() {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
        for (int c = 0; c < CONVERSATIONS; c++) {
            String conv = "web:cluster-" + c;
            String png = store.blobs(conv, "u" + c).putPng(TestImages.png(c));
            store.append(conv, NewVersion.upload(png, 64, 64, "u" + c, "upload"));
        }
        Set<Integer> mastersWithKeys = new HashSet<>();
        for (RedisServerProcess master : cluster.masters()) {
            try (Jedis node = new Jedis("127.0.0.1", master.port())) {
                if (node.dbSize() > 0) {
                    mastersWithKeys.add(master.port());
                }
            }
        }
        assertThat(mastersWithKeys).hasSizeGreaterThan(1);
        for (int c = 0; c < CONVERSATIONS; c++) {
            assertThat(store.history("web:cluster-" + c)).hasSize(1);
        }
    }

    @Test
    void progressTravelsOnShardedPubSub() throws Exception {
        ProgressBus bus = new ProgressBus(redis);
        List<ProgressEvent> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = bus.subscribe("web", seen::add)) {
            for (int c = 0; c < 20; c++) {
                bus.publish(new ProgressEvent("job-" + c, "web:conv-" + c, "web", 1, 4, Duration.ofSeconds(1),
                        Optional.empty()));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (seen.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(seen).extracting(ProgressEvent::jobId).hasSize(20).doesNotHaveDuplicates();
        try (Jedis node = new Jedis("127.0.0.1", cluster.masters().getFirst().port())) {
            // sharded channels, not the classic one every node would copy
            assertThat(node.pubsubChannels()).doesNotContain("kb:progress:web");
        }
    }

    @Test
    void aMasterKilledDuringABurstOfEditsLosesNoAcknowledgedVersion() throws Exception {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(),
                new RetentionPolicy(Duration.ofDays(1), 10_000, 0));
        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        Map<String, Version> roots = new ConcurrentHashMap<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String conv = "web:failover-" + c;
            String png = store.blobs(conv, "u").putPng(TestImages.png(c));
            Version root = store.append(conv, NewVersion.upload(png, 64, 64, "u", "upload"));
            roots.put(conv, root);
            acknowledged.computeIfAbsent(conv, k -> ConcurrentHashMap.newKeySet()).add(root.id());
        }
        AtomicInteger done = new AtomicInteger();
        int editsPerConversation = 40;
        List<Thread> editors = IntStream.range(0, CONVERSATIONS).mapToObj(c -> Thread.ofPlatform().start(() -> {
            String conv = "web:failover-" + c;
            Version root = roots.get(conv);
            for (int i = 0; i < editsPerConversation; i++) {
                Version v = store.append(conv, new NewVersion(root.id(), "edit " + i, "edit " + i, i, 4, 2.5, 64, 64,
                        root.imageBlob(), null, "u", "job-" + c + "-" + i));
                acknowledged.get(conv).add(v.id());
                done.incrementAndGet();
                sleepQuietly(20);
            }
        })).toList();
        while (done.get() < CONVERSATIONS * 5) {
            Thread.sleep(5);
        }
        RedisServerProcess killed = cluster.killMaster(0);
        for (Thread editor : editors) {
            editor.join(Duration.ofSeconds(90));
            assertThat(editor.isAlive()).as("an editor is stuck").isFalse();
        }
        cluster.awaitServing();
        assertThat(cluster.masters()).hasSize(3).doesNotContain(killed); // its replica took over

        for (int c = 0; c < CONVERSATIONS; c++) {
            String conv = "web:failover-" + c;
            assertThat(store.history(conv)).as(conv).hasSize(1 + editsPerConversation)
                    .extracting(h -> h.version().id()).containsExactlyInAnyOrderElementsOf(acknowledged.get(conv));
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
