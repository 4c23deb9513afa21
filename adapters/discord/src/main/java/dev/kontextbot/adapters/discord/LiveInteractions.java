package dev.kontextbot.adapters.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.javacord.api.interaction.InteractionBase;

/**
 * Deferred interactions whose token still works, by token: late replies (progress, results) edit their status
 * message while the token lives. A token is treated as gone {@link #SAFETY} before Discord's 15 minutes, so an
 * edit never races the expiry; after that, and after a restart (this registry is in memory), late replies go to
 * the channel instead.
 */
final class LiveInteractions {

    /** How long Discord accepts edits and follow-ups on an interaction token. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final Duration SAFETY = Duration.ofSeconds(30);

    /** One deferred interaction and the message that shows its job's status. */
    static final class Live {
        private final InteractionBase interaction;
        private final Instant expiresAt;
        private boolean originalUsed;
        private boolean statusIsOriginal;
        private String statusFollowupId;
        /** Jobs whose result is shown: a status update that arrives after it (out of order) is stale. */
        private final java.util.Set<String> finishedJobs = new java.util.HashSet<>();

        Live(InteractionBase interaction, Instant expiresAt) {
            this.interaction = interaction;
            this.expiresAt = expiresAt;
        }

        InteractionBase interaction() {
            return interaction;
        }

        Instant expiresAt() {
            return expiresAt;
        }

        synchronized boolean originalUsed() {
            return originalUsed;
        }

        synchronized void markOriginalUsed() {
            originalUsed = true;
        }

        synchronized boolean statusIsOriginal() {
            return statusIsOriginal;
        }

        synchronized Optional<String> statusFollowupId() {
            return Optional.ofNullable(statusFollowupId);
        }

        synchronized boolean hasStatus() {
            return statusIsOriginal || statusFollowupId != null;
        }

        synchronized void statusOnOriginal() {
            statusIsOriginal = true;
            statusFollowupId = null;
        }

        synchronized void statusOnFollowup(String messageId) {
            statusIsOriginal = false;
            statusFollowupId = messageId;
        }

        synchronized boolean finished(String jobId) {
            return finishedJobs.contains(jobId);
        }

        synchronized void finish(String jobId) {
            finishedJobs.add(jobId);
        }

        synchronized void clearStatus() {
            statusIsOriginal = false;
            statusFollowupId = null;
        }
    }

    private final Clock clock;
    private final Map<String, Live> byToken = new ConcurrentHashMap<>();

    LiveInteractions(Clock clock) {
        this.clock = clock;
    }

    Instant expiryFromNow() {
        return clock.instant().plus(TOKEN_LIFETIME);
    }

    Live register(InteractionBase interaction, Instant expiresAt) {
        Instant now = clock.instant();
        byToken.values().removeIf(live -> !usable(live, now));
        Live live = new Live(interaction, expiresAt);
        byToken.put(interaction.getToken(), live);
        return live;
    }

    /** The interaction, when its token will still be accepted. */
    Optional<Live> find(String token) {
        Live live = byToken.get(token);
        return live != null && usable(live, clock.instant()) ? Optional.of(live) : Optional.empty();
    }

    private static boolean usable(Live live, Instant now) {
        return now.isBefore(live.expiresAt().minus(SAFETY));
    }
}
