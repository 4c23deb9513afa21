package dev.kontextbot.conversation.retention;

/** A user, or all users together, have stored as many image bytes as the deployment allows. */
public final class QuotaExceededException extends RuntimeException {

    private final long usedBytes;
    private final long quotaBytes;

    /** The user's own allowance ({@code CONVERSATION_QUOTA_MB}) is used up. */
    public QuotaExceededException(long usedBytes, long quotaBytes) {
        this("Your image storage is full (" + mb(usedBytes) + " of " + mb(quotaBytes)
                + " MB used). Say \"forget\" in an old conversation or wait for old ones to expire, then try again.",
                usedBytes, quotaBytes);
    }

    private QuotaExceededException(String message, long usedBytes, long quotaBytes) {
        super(message);
        this.usedBytes = usedBytes;
        this.quotaBytes = quotaBytes;
    }

    /** The bot's storage for all users together ({@code CONVERSATION_TOTAL_MB}) is used up. */
    public static QuotaExceededException total(long usedBytes, long quotaBytes) {
        return new QuotaExceededException("The bot's picture storage is full for everyone (" + mb(usedBytes) + " of "
                + mb(quotaBytes) + " MB used). Old conversations expire on their own; the operator can raise "
                + "CONVERSATION_TOTAL_MB. Please try again later.", usedBytes, quotaBytes);
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1_048_576.0);
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }
}
