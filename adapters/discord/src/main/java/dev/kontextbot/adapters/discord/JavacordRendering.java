package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.ReplyAction;
import java.util.ArrayList;
import java.util.List;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageUpdater;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.message.component.LowLevelComponent;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.interaction.callback.ExtendedInteractionMessageBuilderBase;

/**
 * Puts an {@link Outgoing} on Javacord's message builders. Mentions are off except for the one user a late result
 * answers: captions echo what users typed, and "@everyone" in an instruction must not ping a server.
 */
final class JavacordRendering {

    private JavacordRendering() {
    }

    static void apply(ExtendedInteractionMessageBuilderBase<?> builder, Outgoing out) {
        builder.setContent(out.content());
        builder.setAllowedMentions(mentions(List.of()));
        out.file().ifPresent(file -> builder.addAttachment(file.bytes(), file.fileName(), file.description()));
        if (!out.buttons().isEmpty()) {
            builder.addComponents(rows(out.buttons()));
        }
        if (out.ephemeral()) {
            builder.setFlags(MessageFlag.EPHEMERAL);
        }
    }

    // MessageBuilder and MessageUpdater share a package-private base in Javacord: one overload each.
    static void apply(MessageBuilder builder, Outgoing out, List<Long> mentionUsers) {
        builder.setContent(out.content());
        builder.setAllowedMentions(mentions(mentionUsers));
        out.file().ifPresent(file -> builder.addAttachment(file.bytes(), file.fileName(), file.description()));
        if (!out.buttons().isEmpty()) {
            builder.addComponents(rows(out.buttons()));
        }
    }

    static void apply(MessageUpdater builder, Outgoing out, List<Long> mentionUsers) {
        builder.setContent(out.content());
        builder.setAllowedMentions(mentions(mentionUsers));
        out.file().ifPresent(file -> builder.addAttachment(file.bytes(), file.fileName(), file.description()));
        if (!out.buttons().isEmpty()) {
            builder.addComponents(rows(out.buttons()));
        }
    }

    static AllowedMentions mentions(List<Long> users) {
        AllowedMentionsBuilder builder = new AllowedMentionsBuilder().setMentionEveryoneAndHere(false)
                .setMentionRoles(false).setMentionRepliedUser(false);
        if (users.isEmpty()) {
            builder.setMentionUsers(false);
        } else {
            builder.addUsers(users);
        }
        return builder.build();
    }

    /** Buttons in rows of five; custom ids are the bot's action keys (at most 32 characters, Discord allows 100). */
    static HighLevelComponent[] rows(List<ReplyAction> actions) {
        List<HighLevelComponent> rows = new ArrayList<>();
        for (int i = 0; i < actions.size(); i += Outgoing.MAX_BUTTONS_PER_ROW) {
            List<LowLevelComponent> row = new ArrayList<>();
            for (ReplyAction action : actions.subList(i, Math.min(actions.size(), i + Outgoing.MAX_BUTTONS_PER_ROW))) {
                row.add(Button.secondary(action.key(), action.label()));
            }
            rows.add(ActionRow.of(row));
        }
        return rows.toArray(HighLevelComponent[]::new);
    }
}
