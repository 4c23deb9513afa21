package dev.kontextbot.deploy.doctor;

import dev.kontextbot.conversation.redis.ClusterTopology;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.deploy.app.EmbeddedRedis;
import dev.kontextbot.deploy.app.RedisProbe;
import dev.kontextbot.deploy.app.Reasons;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
import java.nio.file.Path;
import java.util.List;
import redis.clients.jedis.util.JedisClusterCRC16;

/** REDIS_URL: reachable, version, persistence. Unset: the embedded Redis can start. */
final class RedisCheck implements Check {

    /** Every queue key carries the hash tag {jobs}: one slot, one master. */
    private static final String JOB_QUEUE_KEY = "kb:{jobs}:dispatch";

    private final KontextConfig config;

    RedisCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        return List.of(config.redisUrl().map(this::external).orElseGet(this::embedded));
    }

    private CheckResult external(String url) {
        String shown = config.display(Setting.REDIS_URL).orElse("");
        try {
            RedisProbe.Facts facts = RedisProbe.probe(url, config.redisCluster());
            String line = "Redis " + facts.version() + " at " + shown + ", " + facts.persistence()
                    + facts.cluster().map(RedisCheck::clusterLine).orElse(", single server (not a cluster)");
            return facts.durable() ? CheckResult.ok("redis", line) : CheckResult.warn("redis", line);
        } catch (RuntimeException e) {
            return CheckResult.fail("redis", "Redis at " + shown + " is not reachable (" + Reasons.plain(e)
                    + "): start it, fix REDIS_URL, or unset REDIS_URL to use the embedded Redis");
        }
    }

    /** Cluster mode, its masters with their slots and replicas, and where the bot's fixed keys live. */
    static String clusterLine(ClusterTopology topology) {
        StringBuilder line = new StringBuilder(", cluster mode: " + topology.masters().size() + " masters, "
                + topology.replicas().size() + " replicas (");
        for (ClusterTopology.Master master : topology.masters()) {
            line.append(master.address()).append(" slots ").append(String.join(",", master.slots()))
                    .append(" with ").append(topology.replicasOf(master)).append(" replica(s); ");
        }
        line.setLength(line.length() - 2);
        line.append("); the job queue kb:{jobs}:* is slot ").append(JedisClusterCRC16.getSlot(JOB_QUEUE_KEY))
                .append(" on ").append(topology.masterOf(JOB_QUEUE_KEY).map(ClusterTopology.Master::address)
                        .orElse("no master (slot not served)"));
        if (topology.replicas().isEmpty()) {
            line.append("; no replicas: a lost master loses its share of the pictures");
        }
        return line.toString();
    }

    private CheckResult embedded() {
        Path executable;
        try {
            executable = RedisServerProcess.findExecutable();
        } catch (RuntimeException e) {
            return CheckResult.fail("redis", e.getMessage());
        }
        int port = config.embeddedRedisPort();
        String plan = "embedded: run starts " + executable + " on 127.0.0.1:" + port + ", append-only, data in "
                + config.dataDir().resolve("redis");
        if (port != 0 && !EmbeddedRedis.portFree(port)) {
            return CheckResult.warn("redis", plan + "; port " + port
                    + " is in use now (a running KontextBot, or set EMBEDDED_REDIS_PORT)");
        }
        return CheckResult.ok("redis", plan);
    }
}
