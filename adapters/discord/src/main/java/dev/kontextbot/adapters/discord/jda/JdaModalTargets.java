package dev.kontextbot.adapters.discord.jda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.entities.Message;

/**
 * The message an "Edit with Kontext" modal is about, kept between opening the modal and its submission (which
 * carries only the modal's custom id). Without it (a restart in between) the edit still works from the message id:
 * the bot knows which version each of its results shows.
 */
final class JdaModalTargets {

    /** Discord drops an open modal after 15 minutes. */
    private static final Duration KEEP = Duration.ofMinutes(15);
    static final String CUSTOM_ID_PREFIX = "kb-edit:";
    static final String INSTRUCTION_INPUT = "instruction";

    private record Entry(Message message, Instant until) {
    }

    private final Clock clock;
    private final Map<Long, Entry> byMessage = new ConcurrentHashMap<>();

    JdaModalTargets(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the message and returns the modal's custom id. */
    String remember(Message message) {
        Instant now = clock.instant();
        byMessage.values().removeIf(e -> e.until().isBefore(now));
        byMessage.put(message.getIdLong(), new Entry(message, now.plus(KEEP)));
        return CUSTOM_ID_PREFIX + message.getId();
    }

    /** The message id a modal's custom id names, when it is one of ours. */
    static Optional<Long> messageId(String customId) {
        if (customId == null || !customId.startsWith(CUSTOM_ID_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(customId.substring(CUSTOM_ID_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    Optional<Message> take(long messageId) {
        Entry entry = byMessage.remove(messageId);
        return entry == null || entry.until().isBefore(clock.instant()) ? Optional.empty()
                : Optional.of(entry.message());
    }
}
