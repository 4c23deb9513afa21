package dev.kontextbot.core.chat;

import java.util.Optional;

/** A press on one of the bot's buttons. {@code actionKey} is the short key of a {@link ReplyAction}. */
public record ButtonPress(ChatOrigin origin, String actionKey, Optional<String> messageId,
                          Optional<Interaction> interaction) {
}
