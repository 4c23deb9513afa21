package dev.kontextbot.conversation.jobs;

/**
 * Key names of the queue. Every key carries the hash tag {@code {jobs}} so the Lua scripts, which touch
 * several of them at once, also run on Redis Cluster (the queue then lives on one shard).
 */
final class JobKeys {

    static final String PREFIX = "kb:{jobs}:";
    static final String DISPATCH = PREFIX + "dispatch";
    static final String WORKER_GROUP = "workers";
    static final String DELIVERY_GROUP = "frontends";
    static final String COUNTS = PREFIX + "counts";
    static final String QUEUED = PREFIX + "queued";
    static final String WORKERS = PREFIX + "workers";
    /** Worker id -> the time by which its next heartbeat is due (ms); past it, the worker counts as stopped. */
    static final String ALIVE = PREFIX + "alive";
    static final String DURATIONS = PREFIX + "durations";

    private JobKeys() {
    }

    static String job(String jobId) {
        return PREFIX + "job:" + jobId;
    }

    static String waiting(String userId) {
        return PREFIX + "waiting:" + userId;
    }

    static String deliveries(String platform) {
        return PREFIX + "deliveries:" + platform;
    }

    /** Delivery entries that could not be read, moved aside so the platform keeps delivering. */
    static String deadLetters(String platform) {
        return PREFIX + "deadletter:" + platform;
    }

    static String delivered(String platform, String jobId) {
        return PREFIX + "delivered:" + platform + ":" + jobId;
    }

    /** Set before a delivery is handed to its platform: a delivery found with it may have reached its user. */
    static String sending(String platform, String jobId) {
        return PREFIX + "sending:" + platform + ":" + jobId;
    }

    /** Pub/sub channels are not bound to a slot, so no hash tag here. */
    static String progressChannel(String platform) {
        return "kb:progress:" + platform;
    }
}
