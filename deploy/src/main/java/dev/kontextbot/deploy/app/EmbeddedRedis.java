package dev.kontextbot.deploy.app;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/** A Redis server started as a child process on loopback, append-only, its data under KONTEXT_DATA_DIR. */
public final class EmbeddedRedis implements RedisService {

    private final Path dataDir;
    private final int port;
    private RedisServerProcess server;

    public EmbeddedRedis(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public synchronized void start() {
        if (port != 0 && !portFree(port)) {
            throw new StartupException("Port " + port + " on 127.0.0.1 is taken (another KontextBot running?): "
                    + "stop it, set EMBEDDED_REDIS_PORT to a free port, or set REDIS_URL to use a Redis server of yours");
        }
        try {
            server = RedisServerProcess.start(new RedisServerProcess.Options(dataDir, port, true));
        } catch (RedisServerProcess.RedisServerException e) {
            throw new StartupException("Embedded Redis did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop(Duration drain) {
        if (server != null) {
            server.stop(); // SIGTERM: Redis flushes its append-only file before exiting
            server = null;
        }
    }

    @Override
    public synchronized String url() {
        if (server == null) {
            throw new IllegalStateException("embedded Redis is not running");
        }
        return server.url();
    }

    @Override
    public synchronized String describe() {
        String where = server == null ? "127.0.0.1:" + port : server.url();
        return "embedded Redis at " + where + ", append-only, data in " + dataDir;
    }

    /** Whether {@code port} on loopback can be bound now. */
    public static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
