package dev.kontextbot.conversation.jobs;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.Refusal;
import java.time.Duration;
import java.util.Locale;

/**
 * Why a job did not make its picture, with the facts its sentence needs: stored with the job (the {@code message}
 * field of its record and of its completion, as JSON, see docs/jobs.md) and put into words by bot-core when it is
 * delivered. {@link #code()} is the code the user's error reply carries.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JobFailure.Cancelled.class, name = "cancelled"),
        @JsonSubTypes.Type(value = JobFailure.AttemptsExhausted.class, name = "attempts_exhausted"),
        @JsonSubTypes.Type(value = JobFailure.WorkerError.class, name = "worker_error"),
        @JsonSubTypes.Type(value = JobFailure.Deadline.class, name = "deadline"),
        @JsonSubTypes.Type(value = JobFailure.Expired.class, name = "expired"),
        @JsonSubTypes.Type(value = JobFailure.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = JobFailure.QuotaFull.class, name = "quota_full"),
        @JsonSubTypes.Type(value = JobFailure.StoreOutage.class, name = "store_outage"),
        @JsonSubTypes.Type(value = JobFailure.Said.class, name = "said")
})
public sealed interface JobFailure {

    /** The code of a job that failed because Redis was out of reach (see {@code StoreUnavailableException}). */
    String STORE_OUTAGE = "store_unavailable";

    /** Said's own component; the others by kind. */
    default String code() {
        return switch (this) {
            case Cancelled c -> "cancelled";
            case AttemptsExhausted a -> "attempts_exhausted";
            case WorkerError w -> "worker_error";
            case Deadline d -> "deadline";
            case Expired e -> "expired";
            case Refused r -> r.refusal().reason().name().toLowerCase(Locale.ROOT);
            case QuotaFull q -> "quota_exceeded";
            case StoreOutage o -> STORE_OUTAGE;
            case Said s -> s.code();
        };
    }

    /** Cancelled by its owner or an admin: before it started, or stopped while it ran. */
    record Cancelled(boolean beforeStart) implements JobFailure {
    }

    /** It stopped its worker {@code attempts} times, so it is not run again. */
    record AttemptsExhausted(int attempts) implements JobFailure {
    }

    /** The handler failed in a way the user cannot fix. */
    record WorkerError() implements JobFailure {
    }

    /** It ran past the per-job deadline. */
    record Deadline(long limitMillis) implements JobFailure {
        public Deadline(Duration limit) {
            this(limit.toMillis());
        }

        public Duration limit() {
            return Duration.ofMillis(limitMillis);
        }
    }

    /** It waited in the queue longer than results are kept (written by the claim script, {@link JobScripts}). */
    record Expired() implements JobFailure {
    }

    /** The conversation refused what the job would do. */
    record Refused(Refusal refusal) implements JobFailure {
    }

    /** The user's (or everyone's) picture storage is full. */
    record QuotaFull(QuotaExceededException.Scope scope, long usedBytes, long quotaBytes) implements JobFailure {
        public QuotaFull(QuotaExceededException e) {
            this(e.scope(), e.usedBytes(), e.quotaBytes());
        }
    }

    /** Redis was out of reach. */
    record StoreOutage() implements JobFailure {
    }

    /**
     * The handler's own failure in the words it chose ({@code words} may be null), or a failure stored before failures
     * were kept as facts (its sentence, read back as it was written).
     */
    record Said(String code, String words) implements JobFailure {
        /** The words themselves, as failures were stored before they were kept as facts (read back the same). */
        @Override
        public String stored() {
            return words == null ? "" : words.startsWith("{") ? JobFailure.super.stored() : words;
        }
    }

    /** A refusal of the conversation; one raised in its caller's words is kept in those words ({@link Said}). */
    static JobFailure refused(Refusal refusal) {
        return refusal instanceof Refusal.Worded worded ? new Said(refusal.reason().name().toLowerCase(Locale.ROOT),
                worded.words()) : new Refused(refusal);
    }

    /** The stored form (JSON). */
    default String stored() {
        try {
            return Forms.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A job failure could not be written", e);
        }
    }

    /**
     * Reads a failure back from a job's {@code errorCode} and stored message; a message that is not a stored failure
     * (one written as a sentence by an older version) is {@link Said} as it was.
     */
    static JobFailure read(String code, String stored) {
        if (stored != null && stored.startsWith("{")) {
            try {
                return Forms.MAPPER.readValue(stored, JobFailure.class);
            } catch (JsonProcessingException e) {
                // not one of ours: shown as it was written
            }
        }
        return new Said(code, stored == null || stored.isEmpty() ? null : stored);
    }

    /** Holds the mapper out of the interface's public constants. */
    final class Forms {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        private Forms() {
        }
    }
}
