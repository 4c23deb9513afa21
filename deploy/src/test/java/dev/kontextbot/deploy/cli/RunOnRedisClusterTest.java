package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisClusterHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The acceptance run: REDIS_URL names one node of a 3-master, 3-replica cluster; {@code run} starts, six
 * playground sessions each upload a picture and ask for two edits, a master is killed mid-run and its replica
 * promoted (the one holding the job queue), and every session ends with exactly its three versions, with the keys
 * on more than one master.
 */
@Tag("integration")
class RunOnRedisClusterTest {

    private static final int SESSIONS = 6;
    private static final Duration EDIT_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void sixSessionsKeepEveryVersionThroughAMasterLoss(@TempDir Path data) throws Exception {
        try (RedisClusterHarness cluster = RedisClusterHarness.start(Files.createTempDirectory("kontextbot-cluster"))) {
            Map<String, String> env = Map.of("REDIS_URL", cluster.nodes().get(4).url(),
                    "KONTEXT_DATA_DIR", data.toString(), "KONTEXT_STEPS", "4");
            CliRunner.Result doctor = CliRunner.run(env, "doctor");
            assertThat(doctor.out()).contains("cluster mode: 3 masters, 3 replicas (127.0.0.1:")
                    .contains(" with 1 replica(s)").contains("the job queue kb:{jobs}:* is slot 9631 on 127.0.0.1:");
            runSessions(cluster, env);
        }
    }

    private static void runSessions(RedisClusterHarness cluster, Map<String, String> env) throws Exception {
        try (RunningBot bot = RunningBot.start(env);
                ExecutorService browsers = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(bot.out()).contains("Redis:    Redis Cluster via " + cluster.nodes().get(4).url());
            CountDownLatch firstEdits = new CountDownLatch(SESSIONS / 2);
            CountDownLatch masterKilled = new CountDownLatch(1);
            List<Future<List<String>>> sessions = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                int seed = s;
                sessions.add(browsers.submit(() -> {
                    try (BrowserSession browser = new BrowserSession(bot.web()).open()) {
                        browser.send("add a lighthouse", BrowserSession.picture(seed));
                        browser.awaitVersions(2, EDIT_TIMEOUT);
                        firstEdits.countDown();
                        // half of the sessions send their second edit while the master is down
                        if (seed % 2 == 0) {
                            masterKilled.await(2, TimeUnit.MINUTES);
                        }
                        browser.send("now make it night", null);
                        browser.awaitVersions(3, EDIT_TIMEOUT);
                        List<String> ids = new ArrayList<>();
                        for (JsonNode v : browser.versions()) {
                            ids.add(v.get("id").asText());
                        }
                        return ids;
                    }
                }));
            }
            assertThat(firstEdits.await(3, TimeUnit.MINUTES)).as("first edits").isTrue();
            // the master of the job queue: the worker's claims, the results and the deliveries all fail over
            RedisServerProcess killed = cluster.killMasterOf("kb:{jobs}:dispatch");
            masterKilled.countDown();

            List<List<String>> histories = new ArrayList<>();
            for (Future<List<String>> session : sessions) {
                histories.add(session.get(5, TimeUnit.MINUTES));
            }
            assertThat(histories).allSatisfy(ids -> assertThat(ids).hasSize(3).doesNotHaveDuplicates());
            assertThat(histories.stream().flatMap(List::stream).distinct().count()).isEqualTo(3L * SESSIONS);
            assertThat(cluster.masters()).hasSize(3).doesNotContain(killed);
            long mastersWithKeys = cluster.masters().stream().filter(m -> {
                try (Jedis node = new Jedis("127.0.0.1", m.port())) {
                    return node.keys("kb:{web:*").size() > 0;
                }
            }).count();
            assertThat(mastersWithKeys).as("masters holding conversations").isGreaterThan(1);
        }
    }
}
