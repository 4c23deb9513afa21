package dev.kontextbot.deploy.app;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.deploy.cli.ShutdownSignals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * A bot stand-in in its own JVM for {@link OrphanedRedisTest}: {@code <redisDataDir> <port>}. Starts the embedded
 * Redis through {@link Application} with the shutdown wiring of {@code run} and {@code chat} (the JVM's shutdown
 * hooks, which run on SIGHUP, SIGTERM and Ctrl-C), writes {@code kb:test:kept}, prints READY and waits.
 */
public final class EmbeddedRedisOwnerMain {

    private EmbeddedRedisOwnerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedRedis redis = new EmbeddedRedis(Path.of(args[0]), Integer.parseInt(args[1]));
        Application app = new Application(List.of(redis));
        ShutdownSignals.jvm().onShutdown(() -> app.stop(Duration.ofSeconds(5)));
        app.start();
        try (UnifiedJedis client = RedisConnector.open(redis.url())) {
            client.set("kb:test:kept", "yes");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
