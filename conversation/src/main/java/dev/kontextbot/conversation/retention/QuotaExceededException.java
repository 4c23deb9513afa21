package dev.kontextbot.conversation.retention;

/** A user has stored as many image bytes as the deployment allows. */
public final class QuotaExceededException extends RuntimeException {

    private final long usedBytes;
    private final long quotaBytes;

    public QuotaExceededException(long usedBytes, long quotaBytes) {
        super("Your image storage is full (" + mb(usedBytes) + " of " + mb(quotaBytes)
                + " MB used). Say \"forget\" in an old conversation or wait for old ones to expire, then try again.");
        this.usedBytes = usedBytes;
        this.quotaBytes = quotaBytes;
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
