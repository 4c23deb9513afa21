package dev.kontextbot.conversation.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The JSON forms kept in Redis. Short field names keep a version's metadata small; the id and number are not
 * stored in the JSON (they are the hash field and its numeric suffix).
 */
final class StoredForms {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * A version's metadata; {@code m} is the model family that made it. Versions stored before families were
     * recorded have none: every one of them that a model made (steps above 0) was made by Kontext, the only family
     * there was.
     */
    record StoredVersion(String p, String it, String is, long sd, int st, double g, int w, int h, String img,
            String lat, String a, long t, String j, String m) {
    }

    /** The family of versions written before families were recorded. */
    static final String FIRST_FAMILY = "kontext";

    /**
     * A conversation's settings. Steps and guidance are kept only where they differ from the defaults they were
     * changed against, so a conversation follows the installed model family's defaults (28 steps and guidance 2.5
     * for Kontext, 4 steps and none for klein) until its user picks a value. Form 1 (no {@code v}) wrote every field;
     * its Kontext defaults read as unset.
     */
    record StoredSettings(Integer steps, Double guidance, Long seed, String aspect, Integer v) {
    }

    private static final int SETTINGS_FORM = 2;
    /** The defaults form 1 always wrote. */
    private static final int FORM1_STEPS = 28;
    private static final double FORM1_GUIDANCE = 2.5;

    private StoredForms() {
    }

    static String encode(NewVersion v, long createdAtMillis) {
        return write(new StoredVersion(v.parentId(), v.instructionTyped(), v.instructionSent(), v.seed(), v.steps(),
                v.guidance(), v.width(), v.height(), v.imageBlob(), v.latentBlob(), v.author(), createdAtMillis,
                v.jobId(), v.family()));
    }

    static Version decodeVersion(String id, String json) {
        StoredVersion s = read(json, StoredVersion.class);
        return new Version(id, numberOf(id), s.p(), s.it(), s.is(), s.sd(), s.st(), s.g(), s.w(), s.h(), s.img(),
                s.lat(), s.a(), Instant.ofEpochMilli(s.t()), s.j(), s.m() != null ? s.m()
                        : s.st() > 0 ? FIRST_FAMILY : null);
    }

    static int numberOf(String versionId) {
        return Integer.parseInt(versionId.substring(versionId.lastIndexOf('-') + 1));
    }

    static String encode(ConversationSettings s, ConversationSettings defaults) {
        return write(new StoredSettings(s.steps() == defaults.steps() ? null : s.steps(),
                s.guidance() == defaults.guidance() ? null : s.guidance(),
                s.seed().isPresent() ? s.seed().getAsLong() : null, s.aspect(), SETTINGS_FORM));
    }

    static ConversationSettings decodeSettings(String json, ConversationSettings defaults) {
        if (json == null) {
            return defaults;
        }
        StoredSettings s = read(json, StoredSettings.class);
        boolean form1 = s.v() == null;
        Integer steps = form1 && s.steps() != null && s.steps() == FORM1_STEPS ? null : s.steps();
        Double guidance = form1 && s.guidance() != null && s.guidance() == FORM1_GUIDANCE ? null : s.guidance();
        return new ConversationSettings(steps == null ? defaults.steps() : steps,
                guidance == null ? defaults.guidance() : guidance,
                s.seed() == null ? OptionalLong.empty() : OptionalLong.of(s.seed()), s.aspect());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
