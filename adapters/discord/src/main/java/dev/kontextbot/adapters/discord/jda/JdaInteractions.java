package dev.kontextbot.adapters.discord.jda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deferred interactions by token, kept a while past their expiry. A token counts as gone {@link #SAFETY} before Discord's
 * 15 minutes by this adapter's clock, so an edit never races the expiry; after that, after Discord refused the token
 * and after a restart (this registry is in memory) late replies go to the channel.
 */
final class JdaInteractions {

    /** How long Discord accepts edits and follow-ups on an interaction token. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final Duration SAFETY = Duration.ofSeconds(30);
    /** How long an expired interaction is remembered: its late replies still answer its original response. */
    static final Duration REMEMBER_AFTER_EXPIRY = Duration.ofHours(2);

    private final Clock clock;
    private final Map<String, JdaInteraction> byToken = new ConcurrentHashMap<>();

    JdaInteractions(Clock clock) {
        this.clock = clock;
    }

    Instant expiryFromNow() {
        return clock.instant().plus(TOKEN_LIFETIME);
    }

    void register(JdaInteraction interaction) {
        Instant now = clock.instant();
        byToken.values().removeIf(live -> live.expiresAt().plus(REMEMBER_AFTER_EXPIRY).isBefore(now));
        byToken.put(interaction.token(), interaction);
    }

    /** The interaction, usable or not: {@link JdaReplies} decides between its token and its channel. */
    Optional<JdaInteraction> find(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    boolean usable(JdaInteraction live) {
        return usable(live, clock.instant());
    }

    private static boolean usable(JdaInteraction live, Instant now) {
        return !live.gone() && now.isBefore(live.expiresAt().minus(SAFETY));
    }
}
