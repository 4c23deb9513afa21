package dev.kontextbot.conversation.testing;

import dev.kontextbot.conversation.redis.ClusterTopology;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster on loopback for tests: six {@code redis-server --cluster-enabled yes} processes joined by
 * {@code redis-cli --cluster create --cluster-replicas 1}, so three masters each with one replica. Every node's
 * cluster bus listens on its port + 10000, so ports are picked with that one free too. A short
 * {@code cluster-node-timeout} makes a killed master's replica take over within a few seconds.
 */
public final class RedisClusterHarness implements AutoCloseable {

    public static final int NODES = 6;
    static final int NODE_TIMEOUT_MS = 2_000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final List<RedisServerProcess> nodes;

    private RedisClusterHarness(List<RedisServerProcess> nodes) {
        this.nodes = nodes;
    }

    /** Starts six nodes under {@code dir}, creates the cluster and waits until every slot is served. */
    public static RedisClusterHarness start(Path dir) {
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                int port = portWithFreeBus();
                nodes.add(RedisServerProcess.start(new RedisServerProcess.Options(dir.resolve("node-" + port), port,
                        true, null, List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MS)))));
            }
            RedisClusterHarness cluster = new RedisClusterHarness(nodes);
            cluster.create(dir);
            cluster.awaitHealthy();
            // Replicating from the first write: a replica still in its first sync confirms no WAIT, and a master
            // killed then loses what the bot wrote meanwhile.
            cluster.masters().forEach(RedisClusterHarness::awaitReplicaCaughtUp);
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServerProcess::kill);
            throw e;
        }
    }

    private void create(Path dir) {
        List<String> cmd = new ArrayList<>(List.of(
                nodes.getFirst().executable().resolveSibling("redis-cli").toString(), "--cluster", "create"));
        nodes.forEach(n -> cmd.add("127.0.0.1:" + n.port()));
        cmd.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        try {
            Path log = dir.resolve("cluster-create.log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create failed: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every live node reports {@code cluster_state:ok} and sees three masters with a replica each. */
    public void awaitHealthy() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (nodes.stream().filter(RedisServerProcess::isRunning).allMatch(this::healthy)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("the test cluster did not become healthy within " + READY_TIMEOUT);
    }

    /** Waits until every live node reports {@code cluster_state:ok} (after a failover, with fewer replicas). */
    public void awaitServing() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (nodes.stream().filter(RedisServerProcess::isRunning).allMatch(n -> info(n).contains("cluster_state:ok"))) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("the test cluster did not serve all slots within " + READY_TIMEOUT);
    }

    private boolean healthy(RedisServerProcess node) {
        try (Jedis client = new Jedis("127.0.0.1", node.port())) {
            if (!client.clusterInfo().contains("cluster_state:ok")) {
                return false;
            }
            String table = client.clusterNodes();
            long masters = table.lines().filter(l -> l.contains("master") && !l.contains("fail")).count();
            long replicas = table.lines().filter(l -> l.contains("slave") && !l.contains("fail")).count();
            return masters == NODES / 2 && replicas == NODES / 2
                    && table.lines().allMatch(l -> l.contains("connected"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String info(RedisServerProcess node) {
        try (Jedis client = new Jedis("127.0.0.1", node.port())) {
            return client.clusterInfo();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** A {@code redis://} URL naming one node (any node will do for a cluster client). */
    public String url() {
        return nodes.getFirst().url();
    }

    public List<RedisServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The live nodes that are masters right now. */
    public List<RedisServerProcess> masters() {
        return nodes.stream().filter(RedisServerProcess::isRunning).filter(n -> role(n).equals("master")).toList();
    }

    private static String role(RedisServerProcess node) {
        try (Jedis client = new Jedis("127.0.0.1", node.port())) {
            return client.info("replication").lines().filter(l -> l.startsWith("role:"))
                    .map(l -> l.substring(5).trim()).findFirst().orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Empties every master (replicas follow). */
    public void flushAll() {
        for (RedisServerProcess master : masters()) {
            try (Jedis client = new Jedis("127.0.0.1", master.port())) {
                client.flushAll();
            }
        }
    }

    /** Kills the master serving {@code key}'s slot at once, as a crash would, and returns it. */
    public RedisServerProcess killMasterOf(String key) {
        RedisServerProcess any = masters().getFirst();
        String address;
        try (Jedis client = new Jedis("127.0.0.1", any.port())) {
            address = ClusterTopology.parse(client.clusterNodes()).masterOf(key).orElseThrow().address();
        }
        RedisServerProcess victim = masters().stream().filter(m -> address.endsWith(":" + m.port())).findFirst()
                .orElseThrow();
        awaitReplicaCaughtUp(victim);
        victim.kill();
        return victim;
    }

    /**
     * Waits until {@code master}'s replica is online and has everything the master had when this was called. The
     * bot's guarantee is for writes a replica confirmed (WAIT); on a loaded machine a replica can lag by seconds, and
     * a master killed then takes unconfirmed writes with it (the bot logs each one). A test of "no loss" kills a
     * master that is in step, as an operator's healthy cluster would be; writes in flight at the kill are the bot's
     * to retry.
     */
    private static void awaitReplicaCaughtUp(RedisServerProcess master) {
        awaitReplicaOnline(master);
        long target = -1;
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Jedis client = new Jedis("127.0.0.1", master.port())) {
                String info = client.info("replication");
                if (target < 0) {
                    target = field(info, "master_repl_offset:");
                }
                if (replicaOffset(info) >= target) {
                    return;
                }
            } catch (RuntimeException e) {
                // not answering yet
            }
            sleep(100);
        }
        throw new IllegalStateException("the replica of the master on port " + master.port()
                + " did not catch up within " + READY_TIMEOUT);
    }

    private static long field(String info, String name) {
        return info.lines().filter(l -> l.startsWith(name)).map(l -> Long.parseLong(l.substring(name.length()).trim()))
                .findFirst().orElse(0L);
    }

    /** The highest offset an online replica acknowledged ({@code slave0:...,state=online,offset=N,lag=0}). */
    private static long replicaOffset(String info) {
        return info.lines().filter(l -> l.startsWith("slave") && l.contains("state=online"))
                .flatMap(l -> java.util.Arrays.stream(l.substring(l.indexOf(':') + 1).split(",")))
                .filter(kv -> kv.startsWith("offset="))
                .mapToLong(kv -> Long.parseLong(kv.substring("offset=".length())))
                .max().orElse(-1L);
    }

    /**
     * Waits until {@code master} has a replica whose replication link is online: a replica that never finished its
     * first sync (a slow machine) is too stale to take over, and the cluster would stay down.
     */
    private static void awaitReplicaOnline(RedisServerProcess master) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Jedis client = new Jedis("127.0.0.1", master.port())) {
                if (client.info("replication").lines().anyMatch(l -> l.startsWith("slave") && l.contains("state=online"))) {
                    return;
                }
            } catch (RuntimeException e) {
                // not answering yet
            }
            sleep(100);
        }
        throw new IllegalStateException("the master on port " + master.port() + " has no online replica within "
                + READY_TIMEOUT);
    }

    /** Kills one master at once, as a crash would, and returns it. */
    public RedisServerProcess killMaster(int index) {
        RedisServerProcess victim = masters().get(index);
        awaitReplicaCaughtUp(victim);
        victim.kill();
        return victim;
    }

    private static int portWithFreeBus() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 55_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair (port, port + 10000) found for a cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::kill);
    }
}
