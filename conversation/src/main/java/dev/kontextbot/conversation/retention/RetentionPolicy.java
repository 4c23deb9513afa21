package dev.kontextbot.conversation.retention;

import java.time.Duration;

/**
 * How long a conversation lives and how much it may keep.
 *
 * @param idleTtl         a conversation untouched this long disappears (every write refreshes it)
 * @param maxVersions     versions kept per conversation; older side branches are pruned past it
 * @param userQuotaBytes  image and latent bytes one user may store over all their conversations; 0 = unlimited
 * @param totalQuotaBytes image and latent bytes all users together may store; 0 = unlimited
 */
public record RetentionPolicy(Duration idleTtl, int maxVersions, long userQuotaBytes, long totalQuotaBytes) {

    public static final Duration DEFAULT_IDLE_TTL = Duration.ofDays(30);
    public static final int DEFAULT_MAX_VERSIONS = 100;
    public static final long DEFAULT_USER_QUOTA_BYTES = 1L << 30;

    public RetentionPolicy {
        if (idleTtl == null || idleTtl.isNegative() || idleTtl.isZero()) {
            throw new IllegalArgumentException("idle TTL must be positive");
        }
        if (maxVersions < 1) {
            throw new IllegalArgumentException("max versions must be at least 1");
        }
        if (userQuotaBytes < 0) {
            throw new IllegalArgumentException("user quota must be 0 (unlimited) or positive");
        }
        if (totalQuotaBytes < 0) {
            throw new IllegalArgumentException("total storage cap must be 0 (unlimited) or positive");
        }
    }

    /** No cap on all users together. */
    public RetentionPolicy(Duration idleTtl, int maxVersions, long userQuotaBytes) {
        this(idleTtl, maxVersions, userQuotaBytes, 0);
    }

    /** 30 days idle, 100 versions, 1 GiB per user, no cap on all users together. */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(DEFAULT_IDLE_TTL, DEFAULT_MAX_VERSIONS, DEFAULT_USER_QUOTA_BYTES);
    }

    public boolean unlimitedQuota() {
        return userQuotaBytes == 0;
    }

    public boolean unlimitedTotal() {
        return totalQuotaBytes == 0;
    }
}
