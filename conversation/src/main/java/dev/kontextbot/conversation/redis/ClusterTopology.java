package dev.kontextbot.conversation.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The masters and replicas of a Redis Cluster as one node's {@code CLUSTER NODES} reply describes them. */
public record ClusterTopology(List<Master> masters, List<Replica> replicas) {

    /** A master and the slot ranges it serves ({@code 0-5460}). */
    public record Master(String id, String address, List<String> slots) {
        boolean serves(int slot) {
            for (String range : slots) {
                if (range.startsWith("[")) {
                    continue; // a slot being migrated
                }
                int dash = range.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = Integer.parseInt(dash < 0 ? range : range.substring(dash + 1));
                if (slot >= from && slot <= to) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A replica of the master with id {@code masterId}. */
    public record Replica(String address, String masterId) {
    }

    public ClusterTopology {
        masters = List.copyOf(masters);
        replicas = List.copyOf(replicas);
    }

    /**
     * Reads {@code CLUSTER NODES}: one line per node, {@code <id> <ip:port@bus> <flags> <master-id> <ping> <pong>
     * <epoch> <link> <slot>...}; nodes flagged {@code fail} are left out.
     */
    public static ClusterTopology parse(String clusterNodes) {
        List<Master> masters = new ArrayList<>();
        List<Replica> replicas = new ArrayList<>();
        for (String line : clusterNodes.split("\r?\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8 || f[2].contains("fail")) {
                continue;
            }
            String address = f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1];
            if (f[2].contains("master")) {
                masters.add(new Master(f[0], address, List.of(f).subList(8, f.length)));
            } else if (f[2].contains("slave")) {
                replicas.add(new Replica(address, f[3]));
            }
        }
        masters.sort(java.util.Comparator.comparing(Master::address));
        return new ClusterTopology(masters, replicas);
    }

    /** The master serving the slot of {@code key}. */
    public Optional<Master> masterOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        return masters.stream().filter(m -> m.serves(slot)).findFirst();
    }

    public long replicasOf(Master master) {
        return replicas.stream().filter(r -> r.masterId().equals(master.id())).count();
    }
}
