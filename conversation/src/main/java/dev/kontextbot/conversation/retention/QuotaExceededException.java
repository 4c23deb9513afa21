package dev.kontextbot.conversation.retention;

/**
 * A user, or all users together, have stored as many image bytes as the deployment allows. The facts (whose
 * allowance, used and allowed bytes) are for bot-core's words; the message is for logs only.
 */
public final class QuotaExceededException extends RuntimeException {

    /** Whose allowance is used up. */
    public enum Scope {
        /** The user's own ({@code CONVERSATION_QUOTA_MB}). */
        USER,
        /** The bot's for all users together ({@code CONVERSATION_TOTAL_MB}). */
        TOTAL
    }

    private final Scope scope;
    private final long usedBytes;
    private final long quotaBytes;

    /** The user's own allowance ({@code CONVERSATION_QUOTA_MB}) is used up. */
    public QuotaExceededException(long usedBytes, long quotaBytes) {
        this(Scope.USER, usedBytes, quotaBytes);
    }

    public QuotaExceededException(Scope scope, long usedBytes, long quotaBytes) {
        super(scope + " quota: " + usedBytes + " of " + quotaBytes + " bytes");
        this.scope = scope;
        this.usedBytes = usedBytes;
        this.quotaBytes = quotaBytes;
    }

    /** The bot's storage for all users together ({@code CONVERSATION_TOTAL_MB}) is used up. */
    public static QuotaExceededException total(long usedBytes, long quotaBytes) {
        return new QuotaExceededException(Scope.TOTAL, usedBytes, quotaBytes);
    }

    public Scope scope() {
        return scope;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }
}
