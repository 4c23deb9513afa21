package dev.kontextbot.adapters.telegram;

import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import java.util.Optional;

/** What one Telegram update means for the bot. */
sealed interface Incoming {

    /** A message for the bot; {@code addressed} is false for group messages not meant for it (albums decide later). */
    record Message(ChatEvent event, Destination destination, Optional<String> mediaGroupId, boolean addressed)
            implements Incoming {
    }

    /** A press on one of the bot's buttons. */
    record Button(ButtonPress press, String callbackQueryId, Destination destination) implements Incoming {
    }

    /** A message the adapter answers itself, in plain words, without the bot (a file Telegram won't hand over). */
    record Refusal(Destination destination, String text) implements Incoming {
    }

    /** Nothing to do; a callback is still answered so the client stops its spinner. */
    record Ignored(String why, Optional<String> callbackQueryId) implements Incoming {
    }
}
