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

    /** A version's metadata. */
    record StoredVersion(String p, String it, String is, long sd, int st, double g, int w, int h, String img,
            String lat, String a, long t, String j) {
    }

    record StoredSettings(int steps, double guidance, Long seed, String aspect) {
    }

    private StoredForms() {
    }

    static String encode(NewVersion v, long createdAtMillis) {
        return write(new StoredVersion(v.parentId(), v.instructionTyped(), v.instructionSent(), v.seed(), v.steps(),
                v.guidance(), v.width(), v.height(), v.imageBlob(), v.latentBlob(), v.author(), createdAtMillis,
                v.jobId()));
    }

    static Version decodeVersion(String id, String json) {
        StoredVersion s = read(json, StoredVersion.class);
        return new Version(id, numberOf(id), s.p(), s.it(), s.is(), s.sd(), s.st(), s.g(), s.w(), s.h(), s.img(),
                s.lat(), s.a(), Instant.ofEpochMilli(s.t()), s.j());
    }

    static int numberOf(String versionId) {
        return Integer.parseInt(versionId.substring(versionId.lastIndexOf('-') + 1));
    }

    static String encode(ConversationSettings s) {
        return write(new StoredSettings(s.steps(), s.guidance(),
                s.seed().isPresent() ? s.seed().getAsLong() : null, s.aspect()));
    }

    static ConversationSettings decodeSettings(String json, ConversationSettings defaults) {
        if (json == null) {
            return defaults;
        }
        StoredSettings s = read(json, StoredSettings.class);
        return new ConversationSettings(s.steps(), s.guidance(),
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
