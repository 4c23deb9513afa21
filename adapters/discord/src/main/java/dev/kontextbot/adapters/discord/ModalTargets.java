package dev.kontextbot.adapters.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message an "Edit with Kontext" modal is about, kept between opening the modal and its submission (which
 * carries only the modal's custom id). Without it (a restart in between) the edit still works from the message id:
 * the bot knows which version each of its results shows. {@code M} is the Discord library's message type (Javacord's
 * or JDA's): both adapters keep their targets here.
 */
public final class ModalTargets<M> {

    /** Discord drops an open modal after 15 minutes. */
    private static final Duration KEEP = Duration.ofMinutes(15);
    static final String CUSTOM_ID_PREFIX = "kb-edit:";
    public static final String INSTRUCTION_INPUT = "instruction";

    private record Entry<M>(M message, Instant until) {
    }

    private final Clock clock;
    private final Map<Long, Entry<M>> byMessage = new ConcurrentHashMap<>();

    public ModalTargets(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the message with id {@code messageId} and returns the modal's custom id. */
    public String remember(long messageId, M message) {
        Instant now = clock.instant();
        byMessage.values().removeIf(e -> e.until().isBefore(now));
        byMessage.put(messageId, new Entry<>(message, now.plus(KEEP)));
        return CUSTOM_ID_PREFIX + messageId;
    }

    /** The message id a modal's custom id names, when it is one of ours. */
    public static Optional<Long> messageId(String customId) {
        if (customId == null || !customId.startsWith(CUSTOM_ID_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(customId.substring(CUSTOM_ID_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<M> take(long messageId) {
        Entry<M> entry = byMessage.remove(messageId);
        return entry == null || entry.until().isBefore(clock.instant()) ? Optional.empty()
                : Optional.of(entry.message());
    }
}
