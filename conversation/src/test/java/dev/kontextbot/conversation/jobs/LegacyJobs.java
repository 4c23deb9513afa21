package dev.kontextbot.conversation.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Jobs as the code before the typed recipe wrote them (format 1, the resources under {@code legacy/}), and a way to
 * leave one in the queue as that code would have: for the tests that read and run them after the upgrade.
 */
public final class LegacyJobs {

    /** The names of the stored examples. */
    public static final String PLAIN = "plain-edit";
    public static final String COMPOUND_REGION = "compound-region";
    public static final String VARIATIONS_REFERENCES = "variations-references";
    public static final String FRACTION_REGION = "fraction-region";
    public static final String GENERATE_SIZED = "generate-sized";

    /** The job id each example was written with. */
    public static final Map<String, String> JOB_IDS = Map.of(PLAIN, "job-legacy-plain",
            COMPOUND_REGION, "job-legacy-compound", VARIATIONS_REFERENCES, "job-legacy-vary",
            FRACTION_REGION, "job-legacy-third", GENERATE_SIZED, "job-legacy-generate");

    private LegacyJobs() {
    }

    /** The JSON exactly as written, with the placeholders it holds replaced ("BASE_VERSION" by a real id, ...). */
    public static String json(String name, Map<String, String> replacements) {
        String json;
        try (InputStream in = LegacyJobs.class.getResourceAsStream("legacy/" + name + ".json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            json = json.replace("\"" + r.getKey() + "\"", "\"" + r.getValue() + "\"");
        }
        return json;
    }

    public static String json(String name) {
        return json(name, Map.of());
    }

    /** Replaces the stored spec of queued job {@code jobId} by {@code json}, as an older front end would have queued it. */
    public static void storeAsQueued(UnifiedJedis redis, String jobId, String json) {
        if (redis.hset(JobKeys.job(jobId), "spec", json) != 0) {
            throw new IllegalStateException("job " + jobId + " was not queued");
        }
    }
}
