package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.Outgoing;
import dev.kontextbot.core.chat.ReplyAction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Puts an {@link Outgoing} into JDA's message data. Mentions are off except for the one user a late result answers:
 * captions echo what users typed, and "@everyone" in an instruction must not ping a server. An edit states its
 * whole attachment list and its buttons, so a result replaces the preview and the status line's state.
 */
final class JdaRendering {

    private JdaRendering() {
    }

    static MessageCreateData create(Outgoing out, Optional<Long> mention) {
        MessageCreateBuilder builder = new MessageCreateBuilder().setContent(out.content())
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).mentionRepliedUser(false);
        mention.ifPresent(user -> builder.mentionUsers(List.of(Long.toString(user))));
        file(out).ifPresent(builder::setFiles);
        builder.setComponents(rows(out.buttons()));
        return builder.build();
    }

    static MessageEditData edit(Outgoing out) {
        MessageEditBuilder builder = new MessageEditBuilder().setContent(out.content())
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
        builder.setAttachments(file(out).orElse(List.of()));
        builder.setComponents(rows(out.buttons()));
        return builder.build();
    }

    private static Optional<List<FileUpload>> file(Outgoing out) {
        return out.file().map(f -> List.of(FileUpload.fromData(f.bytes(), f.fileName()).setDescription(
                f.description())));
    }

    /** Buttons in rows of five; custom ids are the bot's action keys (at most 32 characters, Discord allows 100). */
    static List<ActionRow> rows(List<ReplyAction> actions) {
        List<ActionRow> rows = new ArrayList<>();
        for (int i = 0; i < actions.size(); i += Outgoing.MAX_BUTTONS_PER_ROW) {
            rows.add(ActionRow.of(actions.subList(i, Math.min(actions.size(), i + Outgoing.MAX_BUTTONS_PER_ROW))
                    .stream().map(a -> Button.secondary(a.key(), a.label())).toList()));
        }
        return rows;
    }
}
