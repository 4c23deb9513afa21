package dev.kontextbot.deploy.app;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Redis server started as a child process on loopback, append-only, its data under KONTEXT_DATA_DIR, with a
 * password generated once and kept in that folder (owner-only), so other local users cannot read the bot's state.
 * A server that a crashed bot left running from the same folder is found by its pidfile and stopped first.
 */
public final class EmbeddedRedis implements RedisService {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    /** The generated password, in the Redis data folder. */
    public static final String PASSWORD_FILE = "password";

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
        orphanedServer(dataDir).ifPresent(stale -> {
            log.warn("Stopping the embedded Redis (pid {}) that a bot which did not shut down left running from {}",
                    stale.pid(), dataDir);
            RedisServerProcess.stopStale(stale);
        });
        if (port != 0 && !portFree(port)) {
            throw new StartupException("Port " + port + " on 127.0.0.1 is taken (another KontextBot running?): "
                    + "stop it, set EMBEDDED_REDIS_PORT to a free port, or set REDIS_URL to use a Redis server of yours");
        }
        try {
            server = RedisServerProcess.start(new RedisServerProcess.Options(dataDir, port, true, password(dataDir)));
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
        String where = server == null ? "127.0.0.1:" + port : server.displayUrl();
        return "embedded Redis at " + where + ", append-only, password in " + dataDir.resolve(PASSWORD_FILE)
                + ", data in " + dataDir;
    }

    /**
     * The redis-server running from {@code dataDir} whose bot is gone: its parent is no longer a Java process (an
     * orphan is adopted by init or a subreaper). A server whose bot still runs is not stale and is left alone.
     */
    public static Optional<ProcessHandle> orphanedServer(Path dataDir) {
        return RedisServerProcess.runningFrom(dataDir).filter(redis -> !ownedByLiveBot(redis));
    }

    /** Whether the redis-server's parent is a live JVM (a running {@code kontextbot run} or {@code chat}). */
    public static boolean ownedByLiveBot(ProcessHandle redis) {
        return redis.parent().filter(ProcessHandle::isAlive)
                .flatMap(parent -> parent.info().command())
                .filter(command -> command.endsWith("/java") || command.endsWith("\\java.exe")).isPresent();
    }

    /** The folder's password: read, or generated (32 random bytes, hex) and written owner-only on first use. */
    public static String password(Path dataDir) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file).trim();
                if (existing.length() >= 16) {
                    return existing;
                }
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String generated = HexFormat.of().formatHex(bytes);
            Files.deleteIfExists(file);
            Files.createFile(file, RedisServerProcess.ownerOnly());
            Files.writeString(file, generated + "\n");
            return generated;
        } catch (IOException e) {
            throw new StartupException("Cannot keep the embedded Redis password in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The URL of the embedded Redis of {@code dataDir} on {@code port}, with its password when one was made. */
    public static String urlOf(Path dataDir, int port) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(file)) {
                return "redis://:" + Files.readString(file).trim() + "@127.0.0.1:" + port;
            }
        } catch (IOException e) {
            // unreadable: try without
        }
        return "redis://127.0.0.1:" + port;
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
