package dev.kontextbot.conversation.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis server child process bound to loopback: the embedded Redis of {@code kontextbot run} and the
 * real server of the integration tests. Uses {@code redis-server} from the PATH when present, otherwise
 * the binary shipped in the embedded-redis jar.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /**
     * How to start the server. {@code port == 0} picks a free port. {@code password} (may be null: none) goes into
     * a config file readable by the owner only, never onto the command line where {@code ps} would show it;
     * {@code extraArgs} are further {@code --name value} pairs (the cluster test harness adds
     * {@code --cluster-enabled yes}).
     */
    public record Options(Path dataDir, int port, boolean appendOnly, String password, List<String> extraArgs) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            extraArgs = List.copyOf(extraArgs);
        }

        public Options(Path dataDir, int port, boolean appendOnly) {
            this(dataDir, port, appendOnly, null, List.of());
        }

        public Options(Path dataDir, int port, boolean appendOnly, String password) {
            this(dataDir, port, appendOnly, password, List.of());
        }
    }

    /** The server's own pidfile in its data folder: how a later start finds a server a crashed bot left behind. */
    public static final String PID_FILE = "redis-server.pid";
    private static final String CONFIG_FILE = "redis-kontextbot.conf";

    private final Options options;
    private final Path executable;
    private final int port;
    private Process process;

    private RedisServerProcess(Options options, Path executable, int port) {
        this.options = options;
        this.executable = executable;
        this.port = port;
    }

    /** Starts a server and waits until it answers PING. */
    public static RedisServerProcess start(Options options) {
        Path exe = findExecutable();
        int port = options.port() == 0 ? freePort() : options.port();
        RedisServerProcess server = new RedisServerProcess(options, exe, port);
        server.launch();
        return server;
    }

    /** The redis-server binary this machine would use: PATH first, then the one embedded-redis ships. */
    public static Path findExecutable() {
        Optional<Path> onPath = onPath("redis-server");
        if (onPath.isPresent()) {
            return onPath.get();
        }
        try {
            File shipped = ExecutableProvider.newJarResourceProvider().get();
            shipped.setExecutable(true);
            return shipped.toPath();
        } catch (IOException | RuntimeException e) {
            throw new RedisServerException(
                    "No redis-server found: install Redis (apt-get install redis-server) or set REDIS_URL", e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void launch() {
        Path dir = options.dataDir().toAbsolutePath();
        Path logFile = dir.resolve("redis-server.log");
        try {
            Files.createDirectories(dir);
            if (OwnerOnlyFiles.posix()) {
                OwnerOnlyFiles.keepOwnerOnly(dir);
                if (!Files.exists(logFile)) {
                    Files.createFile(logFile, ownerOnly());
                }
            }
        } catch (IOException e) {
            throw new RedisServerException("Cannot make the Redis data folder " + dir + " owner-only", e);
        }
        Path config = writeConfig(dir);
        List<String> cmd = new ArrayList<>();
        if (OwnerOnlyFiles.posix()) {
            // Redis writes its append-only files with the umask it inherits; 077 makes them rw------- (the folder is
            // rwx------ already). The shell only sets the mask and execs: no argument passes through it as text.
            cmd.addAll(List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$@\""));
        }
        cmd.addAll(List.of(
                executable.toString(),
                config.toString(),
                "--pidfile", dir.resolve(PID_FILE).toString(),
                "--bind", "127.0.0.1",
                "--port", Integer.toString(port),
                "--dir", options.dataDir().toAbsolutePath().toString(),
                "--save", "",
                "--appendonly", options.appendOnly() ? "yes" : "no",
                "--appendfsync", "everysec",
                "--protected-mode", "yes",
                "--daemonize", "no"));
        cmd.addAll(options.extraArgs());
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new RedisServerException("Cannot start " + executable + ": " + e.getMessage(), e);
        }
        awaitReady();
        log.info("Redis server {} listening on 127.0.0.1:{} (data in {}, append-only {}, password {})",
                executable, port, options.dataDir(), options.appendOnly(), options.password() == null ? "off" : "on");
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new RedisServerException("redis-server exited at start (code " + process.exitValue()
                        + "); see " + options.dataDir().resolve("redis-server.log"), null);
            }
            try (RedisClient client = RedisClient.builder().fromURI(java.net.URI.create(url())).build()) {
                if ("PONG".equals(client.ping())) {
                    // Loading an append-only file answers PING with LOADING errors; PONG means ready.
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new RedisServerException("redis-server did not answer within " + START_TIMEOUT.toSeconds() + " s", last);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisServerException("Interrupted while waiting for Redis", e);
        }
    }

    public int port() {
        return port;
    }

    /** The URL clients connect with, password included when there is one. */
    public String url() {
        return options.password() == null ? "redis://127.0.0.1:" + port
                : "redis://:" + java.net.URLEncoder.encode(options.password(), java.nio.charset.StandardCharsets.UTF_8)
                        + "@127.0.0.1:" + port;
    }

    /** The URL without its password, for logs and start-up lines. */
    public String displayUrl() {
        return "redis://127.0.0.1:" + port;
    }

    /** The config file holds the password (owner-only permissions); everything else is on the command line. */
    private Path writeConfig(Path dir) {
        Path config = dir.resolve(CONFIG_FILE);
        String text = "# Written by KontextBot at every start; edits are overwritten.\n"
                + (options.password() == null ? "" : "requirepass " + options.password() + "\n");
        try {
            Files.deleteIfExists(config);
            Files.createFile(config, ownerOnly());
            Files.writeString(config, text);
            return config;
        } catch (IOException e) {
            throw new RedisServerException("Cannot write " + config + ": " + e.getMessage(), e);
        }
    }

    /** rw------- where the file system knows POSIX permissions (see {@link OwnerOnlyFiles}). */
    public static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        return OwnerOnlyFiles.ownerOnly();
    }

    /** A redis-server still running from {@code dataDir} (see {@link StaleRedisServers#runningFrom}). */
    public static Optional<ProcessHandle> runningFrom(Path dataDir) {
        return StaleRedisServers.runningFrom(dataDir);
    }

    /** Stops a process found by {@link #runningFrom}: SIGTERM (Redis flushes its append-only file), then SIGKILL. */
    public static void stopStale(ProcessHandle process) {
        StaleRedisServers.stop(process);
    }

    public Path executable() {
        return executable;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server gracefully (SIGTERM lets Redis flush its append-only file). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Kills the server at once, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the server again on the same port and data folder (reloading its append-only file). */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    /** The server could not be started or found. */
    public static final class RedisServerException extends RuntimeException {
        public RedisServerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
