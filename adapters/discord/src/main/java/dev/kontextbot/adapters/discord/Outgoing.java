package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.ReplyAction;
import java.util.List;
import java.util.Optional;

/**
 * One Discord message to send or edit, independent of the library: text (at most 2000 characters), at most one
 * file, buttons whose custom ids are the bot's short action keys, and whether only the asker sees it.
 */
public record Outgoing(String content, Optional<Outgoing.File> file, List<ReplyAction> buttons,
                       boolean ephemeral) {

    /**
     * A file and its alt text. Every file carries a description: with one, Javacord sends Discord the message's
     * full attachment list, so an edit replaces the previous preview instead of adding to it.
     */
    public record File(byte[] bytes, String fileName, String description) {
        /** Discord's limit for attachment descriptions. */
        static final int MAX_DESCRIPTION = 1024;

        public File {
            description = description == null || description.isBlank() ? fileName : description.strip();
            if (description.length() > MAX_DESCRIPTION) {
                description = description.substring(0, MAX_DESCRIPTION - 1) + "…";
            }
        }
    }

    /** Discord's content limit. */
    public static final int MAX_CONTENT = 2000;
    /** Discord's limit of buttons in one action row. */
    public static final int MAX_BUTTONS_PER_ROW = 5;

    public Outgoing {
        content = fit(content == null ? "" : content);
        file = file == null ? Optional.empty() : file;
        buttons = List.copyOf(buttons);
    }

    public static Outgoing text(String content) {
        return new Outgoing(content, Optional.empty(), List.of(), false);
    }

    public static Outgoing ephemeral(String content) {
        return new Outgoing(content, Optional.empty(), List.of(), true);
    }

    /** The same message with {@code prefix} in front, e.g. a mention of the user it answers. */
    public Outgoing prefixed(String prefix) {
        return new Outgoing(prefix + content, file, buttons, ephemeral);
    }

    private static String fit(String content) {
        return content.length() <= MAX_CONTENT ? content : content.substring(0, MAX_CONTENT - 1) + "…";
    }
}
