package dev.kontextbot.conversation.testing;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import redis.clients.jedis.UnifiedJedis;

/**
 * Gives a test class its own real Redis server (the same {@link RedisServerProcess} that
 * {@code kontextbot run} starts), with append-only persistence in a temporary folder. The database is
 * flushed before each test. Inject {@link RedisServerProcess} or {@link UnifiedJedis} as parameters.
 *
 * <p>With the system property {@code kontextbot.redis.cluster=true} (the CI's cluster pass) each test class gets a
 * {@link RedisClusterHarness} instead: three masters with a replica each, the client is the cluster client
 * {@link RedisConnector} picks by itself, and the injected {@link RedisServerProcess} is the node the URL names.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RedisServerExtension.class);

    /** The system property that switches every Redis test class to a real cluster. */
    public static final String CLUSTER_PROPERTY = "kontextbot.redis.cluster";

    public static boolean clusterPass() {
        return Boolean.getBoolean(CLUSTER_PROPERTY);
    }

    /** Skips a test of one server's outage on the cluster pass, where stopping a node means a failover instead. */
    public static void assumeSingleServer() {
        org.junit.jupiter.api.Assumptions.assumeFalse(clusterPass(),
                "stops the one Redis server: single-server behaviour (failover is RedisClusterTest's)");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("kontextbot-redis-test");
        RedisServerProcess server;
        if (clusterPass()) {
            RedisClusterHarness cluster = RedisClusterHarness.start(dir);
            context.getStore(NS).put("cluster", cluster);
            server = cluster.nodes().getFirst();
        } else {
            server = RedisServerProcess.start(new RedisServerProcess.Options(dir, 0, true));
            context.getStore(NS).put("server", server);
        }
        UnifiedJedis client = RedisConnector.open(server.url());
        context.getStore(NS).put("node", server);
        context.getStore(NS).put("client", client);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        UnifiedJedis client = context.getStore(NS).remove("client", UnifiedJedis.class);
        if (client != null) {
            client.close();
        }
        RedisServerProcess server = context.getStore(NS).remove("server", RedisServerProcess.class);
        if (server != null) {
            server.kill();
        }
        RedisClusterHarness cluster = context.getStore(NS).remove("cluster", RedisClusterHarness.class);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (clusterPass()) {
            RedisClusterHarness cluster = findUp(context, "cluster", RedisClusterHarness.class);
            cluster.nodes().stream().filter(n -> !n.isRunning()).forEach(RedisServerProcess::restart);
            cluster.awaitServing();
            cluster.flushAll();
            return;
        }
        RedisServerProcess server = server(context);
        if (!server.isRunning()) {
            server.restart();
        }
        // A test may have restarted the server: pooled connections then fail once before reconnecting.
        for (int attempt = 1; ; attempt++) {
            try {
                client(context).flushAll();
                return;
            } catch (redis.clients.jedis.exceptions.JedisConnectionException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static RedisServerProcess server(ExtensionContext context) {
        return findUp(context, "node", RedisServerProcess.class);
    }

    private static UnifiedJedis client(ExtensionContext context) {
        return findUp(context, "client", UnifiedJedis.class);
    }

    private static <T> T findUp(ExtensionContext context, String key, Class<T> type) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            T value = c.getStore(NS).get(key, type);
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("RedisServerExtension was not started for " + context.getDisplayName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisServerProcess.class || type == UnifiedJedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension)
            throws ParameterResolutionException {
        return parameter.getParameter().getType() == RedisServerProcess.class
                ? findUp(extension, "node", RedisServerProcess.class)
                : findUp(extension, "client", UnifiedJedis.class);
    }
}
