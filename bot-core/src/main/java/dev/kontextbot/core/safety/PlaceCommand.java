package dev.kontextbot.core.safety;

import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.turn.TurnException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "safety relaxed" / "safety strict" (with or without a slash): an admin sets the policy of the chat they write in.
 * Relaxing is allowed only where the platform marks the place for adults (a Discord age-restricted channel).
 */
public final class PlaceCommand {

    private static final Pattern COMMAND = Pattern.compile("^/?safety\\s+(relaxed|relax|strict)\\s*[.!]?$",
            Pattern.CASE_INSENSITIVE);

    private final Screening screening;

    public PlaceCommand(Screening screening) {
        this.screening = screening;
    }

    /** The answer when {@code text} is the command, else empty (the text is an ordinary message). */
    public Optional<String> handle(ChatOrigin origin, String text) {
        var m = COMMAND.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        if (!origin.user().admin()) {
            throw new TurnException("admins_only", "Only an admin can change the safety policy of this chat.");
        }
        if (m.group(1).toLowerCase(Locale.ROOT).startsWith("strict")) {
            screening.places().makeStrict(origin.platform(), origin.chatId());
            return Optional.of("Safety policy of this chat: strict. Every picture and request is screened.");
        }
        if (!origin.adultPlace()) {
            throw new TurnException("not_an_adult_place", "The safety policy can only be relaxed in a place the"
                    + " platform marks for adults, such as an age-restricted Discord channel.");
        }
        screening.places().relax(origin.platform(), origin.chatId());
        return Optional.of("Safety policy of this chat: relaxed. Pictures are no longer screened here;"
                + " the operator's term lists still apply.");
    }
}
