package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code kontextbot run} processes on one Redis, each with its own web sessions (as behind a load balancer
 * with sticky sessions): every result reaches the front end whose browser asked for it, once, and no other.
 */
@RedisTest
class TwoFrontEndsTest {

    private static final int SESSIONS_EACH = 3;

    @Test
    void eachFrontEndDeliversItsOwnSessionsResultsExactlyOnce(RedisServerProcess redis, @TempDir Path dataA,
            @TempDir Path dataB) throws Exception {
        // Only the first process runs a worker, so every result of B's sessions is made in another process.
        try (RunningBot a = RunningBot.start(Map.of("REDIS_URL", redis.url(), "KONTEXT_DATA_DIR", dataA.toString(),
                        "KONTEXT_STEPS", "4"));
                RunningBot b = RunningBot.start(Map.of("REDIS_URL", redis.url(), "KONTEXT_DATA_DIR", dataB.toString(),
                        "KONTEXT_STEPS", "4", "KONTEXT_LOCAL_WORKER", "false"));
                ExecutorService browsers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<BrowserSession> sessions = new ArrayList<>();
            List<Future<?>> runs = new ArrayList<>();
            for (int s = 0; s < 2 * SESSIONS_EACH; s++) {
                BrowserSession browser = new BrowserSession((s % 2 == 0 ? a : b).web()).open();
                sessions.add(browser);
                int seed = s;
                runs.add(browsers.submit(() -> {
                    browser.send("add a lighthouse", BrowserSession.picture(seed));
                    browser.awaitVersions(2, Duration.ofMinutes(3));
                    browser.send("now make it night", null);
                    browser.awaitVersions(3, Duration.ofMinutes(3));
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(5, TimeUnit.MINUTES);
            }
            Set<String> everyResult = new HashSet<>();
            for (BrowserSession browser : sessions) {
                List<String> made = new ArrayList<>();
                browser.versions().forEach(v -> {
                    if (!v.get("parentId").isNull()) {
                        made.add(v.get("id").asText());
                    }
                });
                assertThat(made).hasSize(2);
                // Results arrive after the history shows them: give the stream a moment, then count.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!browser.imageVersionIds().containsAll(made) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                List<String> shown = browser.imageVersionIds().stream().filter(made::contains).toList();
                assertThat(shown).as("each result once on its own session").containsExactlyInAnyOrderElementsOf(made);
                everyResult.addAll(made);
            }
            // and no session saw another's result
            for (BrowserSession browser : sessions) {
                List<String> own = new ArrayList<>();
                browser.versions().forEach(v -> own.add(v.get("id").asText()));
                assertThat(browser.imageVersionIds()).allMatch(own::contains);
                browser.close();
            }
            assertThat(everyResult).hasSize(2 * 2 * SESSIONS_EACH);
        }
    }
}
