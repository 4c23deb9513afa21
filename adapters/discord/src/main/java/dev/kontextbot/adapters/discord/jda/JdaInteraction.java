package dev.kontextbot.adapters.discord.jda;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * One deferred interaction and what its replies have used so far: the original response (the deferred "thinking"
 * message, edited first), the message that shows its job's status, the jobs whose result is out, and the upload
 * limit Discord granted this interaction. After the token is gone (15 minutes, or Discord said 50027) its replies go
 * to the channel, as a reply to the original response that mentions the user.
 */
final class JdaInteraction {

    private final InteractionHook hook;
    private final String token;
    private final Instant expiresAt;
    private final long uploadLimit;
    private final long channelId;
    private final long userId;
    private boolean originalUsed;
    private boolean statusOnOriginal;
    private String statusFollowupId;
    private String originalMessageId;
    private boolean gone;
    private final Set<String> finishedJobs = new HashSet<>();

    JdaInteraction(InteractionHook hook, String token, Instant expiresAt, long uploadLimit, long channelId,
                   long userId) {
        this.hook = hook;
        this.token = token;
        this.expiresAt = expiresAt;
        this.uploadLimit = uploadLimit;
        this.channelId = channelId;
        this.userId = userId;
    }

    InteractionHook hook() {
        return hook;
    }

    String token() {
        return token;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    long uploadLimit() {
        return uploadLimit;
    }

    long channelId() {
        return channelId;
    }

    long userId() {
        return userId;
    }

    synchronized boolean originalUsed() {
        return originalUsed;
    }

    synchronized void useOriginal(boolean forStatus) {
        originalUsed = true;
        if (forStatus) {
            statusOnOriginal = true;
            statusFollowupId = null;
        }
    }

    synchronized Optional<String> statusFollowupId() {
        return Optional.ofNullable(statusFollowupId);
    }

    synchronized boolean hasStatus() {
        return statusOnOriginal || statusFollowupId != null;
    }

    synchronized void statusOnFollowup(String messageId) {
        statusOnOriginal = false;
        statusFollowupId = messageId;
    }

    synchronized void clearStatus() {
        statusOnOriginal = false;
        statusFollowupId = null;
    }

    synchronized boolean finished(String jobId) {
        return finishedJobs.contains(jobId);
    }

    synchronized void finish(String jobId) {
        finishedJobs.add(jobId);
    }

    /** The id of the original response once it was edited: what a late channel reply answers. */
    synchronized Optional<String> originalMessageId() {
        return Optional.ofNullable(originalMessageId);
    }

    synchronized void originalMessageId(String id) {
        originalMessageId = id;
    }

    synchronized boolean gone() {
        return gone;
    }

    synchronized void markGone() {
        gone = true;
    }
}
