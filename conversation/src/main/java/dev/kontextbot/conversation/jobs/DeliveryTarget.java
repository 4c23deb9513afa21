package dev.kontextbot.conversation.jobs;

import java.time.Instant;

/**
 * Where a job's progress and result go. Fields a platform lacks are null (a terminal has no thread, Telegram
 * has no interaction token). {@code origin} is the front-end process that queued the job: only it shows progress.
 * With {@code originOnly} the result goes to that process alone (it holds the user's connection: a browser's
 * event stream, a terminal); otherwise any front end of the platform may deliver it, so a result finished while
 * the origin was down still arrives.
 */
public record DeliveryTarget(
        String platform,
        String chatId,
        String replyToMessageId,
        String threadId,
        String interactionToken,
        Instant tokenExpiresAt,
        String userMention,
        String origin,
        boolean originOnly) {

    public DeliveryTarget {
        if (platform == null || platform.isBlank() || !platform.matches("[a-z0-9_-]+")) {
            throw new InvalidJobException("The delivery platform must be a short lowercase name, such as discord");
        }
        if (originOnly && (origin == null || !origin.matches("[A-Za-z0-9_.-]+"))) {
            throw new InvalidJobException("A result bound to its front end needs that front end's name");
        }
    }

    /** A target any front end of the platform serves (no origin). */
    public DeliveryTarget(String platform, String chatId, String replyToMessageId, String threadId,
            String interactionToken, Instant tokenExpiresAt, String userMention) {
        this(platform, chatId, replyToMessageId, threadId, interactionToken, tokenExpiresAt, userMention, null, false);
    }

    /** The same target, queued by front end {@code origin}; {@code only}: its result must reach that process. */
    public DeliveryTarget from(String origin, boolean only) {
        return new DeliveryTarget(platform, chatId, replyToMessageId, threadId, interactionToken, tokenExpiresAt,
                userMention, origin, only);
    }

    /** The delivery stream this job's result goes to: the platform's, or its origin's own one. */
    public String route() {
        return originOnly ? route(platform, origin) : platform;
    }

    /** The route of the results that must reach front end {@code origin} on {@code platform}. */
    public static String route(String platform, String origin) {
        return platform + ":" + origin;
    }

    /** True when front end {@code frontEnd} shows this job's progress (its origin, or anyone for older jobs). */
    public boolean showsProgressOn(String frontEnd) {
        return origin == null || origin.equals(frontEnd);
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "DeliveryTarget[platform=" + platform + ", chatId=" + chatId + ", replyTo=" + replyToMessageId
                + ", thread=" + threadId + ", token=" + (interactionToken == null ? "none" : "***") + ", origin="
                + origin + (originOnly ? " only" : "") + "]";
    }
}
