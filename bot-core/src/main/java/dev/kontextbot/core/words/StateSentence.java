package dev.kontextbot.core.words;

/**
 * Every sentence the bot's state (conversation, queue, worker) can need, by its key in a language's answers file:
 * a language that lacks one fails at load, not when a user meets it.
 */
public enum StateSentence {
    REFUSAL_NO_IMAGE_YET("refusal.no_image_yet"),
    REFUSAL_NOTHING_TO_UNDO("refusal.nothing_to_undo"),
    REFUSAL_NO_PREVIOUS("refusal.no_previous"),
    REFUSAL_NOTHING_TO_REDO("refusal.nothing_to_redo"),
    REFUSAL_VERSION_GONE("refusal.version_gone"),
    REFUSAL_VERSION_NO_LONGER_STORED("refusal.version_no_longer_stored"),
    REFUSAL_NO_SUCH_VERSION("refusal.no_such_version"),
    REFUSAL_NO_SUCH_NUMBER("refusal.no_such_number"),
    REFUSAL_NO_VERSION_NAMED("refusal.no_version_named"),
    REFUSAL_NUMBERED_FROM_ONE("refusal.numbered_from_one"),
    REFUSAL_NOT_A_VERSION_ID("refusal.not_a_version_id"),
    REFUSAL_OTHER_CONVERSATION("refusal.other_conversation"),
    REFUSAL_IMAGE_GONE("refusal.image_gone"),
    REFUSAL_IMAGE_NOT_HERE("refusal.image_not_here"),
    REFUSAL_FORGOTTEN("refusal.forgotten"),
    REFUSAL_REFERENCE_LIMIT("refusal.reference_limit"),
    REFUSAL_VERSION_PRUNED("refusal.version_pruned"),
    REFUSAL_QUOTA_USER("refusal.quota_user"),
    REFUSAL_QUOTA_TOTAL("refusal.quota_total"),
    REFUSAL_STORE_UNAVAILABLE("refusal.store_unavailable"),
    REFUSAL_QUEUE_FULL("refusal.queue_full"),
    REFUSAL_USER_CAP("refusal.user_cap"),
    REFUSAL_RATE_LIMITED_USER("refusal.rate_limited_user"),
    REFUSAL_RATE_LIMITED_GROUP("refusal.rate_limited_group"),
    TURN_FAILED("turn.failed"),
    TURN_TOO_MANY_WAITING("turn.too_many_waiting"),
    CANCEL_REMOVED("cancel.removed"),
    CANCEL_STOPPING("cancel.stopping"),
    CANCEL_REFUSED("cancel.refused"),
    CANCEL_NOT_FOUND("cancel.not_found"),
    CANCEL_FINISHED("cancel.finished"),
    CANCEL_CANCELLED("cancel.cancelled"),
    CANCEL_ENDED("cancel.ended"),
    FAILURE_CANCELLED_BEFORE_START("failure.cancelled_before_start"),
    FAILURE_STOPPED("failure.stopped"),
    FAILURE_ATTEMPTS_EXHAUSTED("failure.attempts_exhausted"),
    FAILURE_WORKER_ERROR("failure.worker_error"),
    FAILURE_DEADLINE("failure.deadline"),
    FAILURE_EXPIRED("failure.expired"),
    FAILURE_UNEXPLAINED("failure.unexplained"),
    TIME_SECOND("time.second"),
    TIME_SECONDS("time.seconds"),
    TIME_MINUTES("time.minutes"),
    TIME_LIMIT_MS("time.limit_ms"),
    TIME_LIMIT_SECONDS("time.limit_seconds"),
    TIME_LIMIT_MINUTES("time.limit_minutes");

    private final String key;

    StateSentence(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
