package dev.kontextbot.conversation.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds and stops a redis-server an earlier bot left running on its data folder (killed with SIGKILL, say). */
public final class StaleRedisServers {

    private StaleRedisServers() {
    }

    /**
     * A redis-server still running from {@code dataDir} (its pidfile names a live process whose command line is a
     * redis-server with this folder's config), e.g. one left by a bot killed with SIGKILL.
     */
    public static Optional<ProcessHandle> runningFrom(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        Path pidFile = dir.resolve(RedisServerProcess.PID_FILE);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains("redis-server") && workingDirectoryIs(p, dir));
    }

    /** The process's command line (Redis rewrites it to its title, "redis-server 127.0.0.1:6390"). */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return process.info().commandLine().orElse("");
        }
    }

    /**
     * Redis changes into its {@code dir}: on Linux /proc tells a server of this folder from one of another folder
     * whose pid was reused. Elsewhere the pidfile alone decides.
     */
    private static boolean workingDirectoryIs(ProcessHandle process, Path dir) {
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        if (!Files.exists(Path.of("/proc/self/cwd"))) {
            return true;
        }
        try {
            return Files.readSymbolicLink(cwd).equals(dir.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Stops a process found by {@link #runningFrom}: SIGTERM (Redis flushes its append-only file), then SIGKILL. */
    public static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
