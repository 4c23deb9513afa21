package dev.kontextbot.core.answer;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.MessageRef;
import dev.kontextbot.conversation.state.ReferenceKind;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.state.VersionRef;
import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.reply.Variations;
import dev.kontextbot.core.reply.ActionKeys;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.words.StateWords;
import java.util.List;
import java.util.Optional;

/** Answers a button under a picture: undo, redo, retry, pick, use as reference, full size, and yes / no. */
public final class ButtonTurns {

    private final ConversationStore store;
    private final Screening screening;
    private final EditService edits;
    private final VersionReplies replies;
    private final Variations variations;
    private final MessageTurns messages;
    private final StateWords words;

    public ButtonTurns(ConversationStore store, Screening screening, EditService edits, VersionReplies replies,
                       Variations variations, MessageTurns messages, StateWords words) {
        this.words = words;
        this.store = store;
        this.screening = screening;
        this.edits = edits;
        this.replies = replies;
        this.variations = variations;
        this.messages = messages;
    }

    public void answer(String conv, ButtonPress press, ReplySink sink) {
        TurnContext ctx = new TurnContext(press.origin(), Optional.empty(), conv, sink, store, press.interaction(),
                words);
        screening.admit(press.origin());
        ActionKeys.Decoded key = ActionKeys.decode(press.actionKey())
                .orElseThrow(() -> new TurnException("unknown_button", "That button is no longer valid."));
        if (key.kind() == ActionKind.CONFIRM || key.kind() == ActionKind.DECLINE) {
            // Yes / No under a question: the same turn as typing the word, so both paths answer it alike.
            messages.answer(conv, new ChatEvent(press.origin(), Optional.empty(),
                    key.kind() == ActionKind.CONFIRM ? "yes" : "no", List.of(), Optional.empty(),
                    press.interaction()), sink);
            return;
        }
        Version version = versionForButton(ctx, key.versionId(), press.messageId());
        switch (key.kind()) {
            case UNDO -> undo(ctx, conv, version);
            case REDO -> ctx.send(replies.show(conv, ctx.userId(), store.redo(conv), Optional.empty()));
            case RETRY -> edits.retry(ctx, version);
            // The same as typing "pick N": that variation becomes the version, the others stay as siblings.
            case PICK -> ctx.send(replies.show(conv, ctx.userId(), variations.pick(conv, version), Optional.empty()));
            case USE_AS_REFERENCE -> {
                store.setReference(conv, ReferenceKind.CHARACTER, version.label(), version.imageBlob());
                ctx.send(new Reply.Text("I'll keep " + version.label()
                        + " as the character reference for the next edits."));
            }
            case CONFIRM, DECLINE -> throw new IllegalStateException("answered as a message above");
            case FULL_SIZE -> {
                byte[] original = store.blobs(conv, ctx.userId()).png(version.imageBlob())
                        .orElseThrow(() -> new TurnException("image_missing", "That picture is no longer stored."));
                ctx.send(new Reply.File("kontextbot-" + version.label() + ".png", "image/png", original,
                        version.label() + " (lossless PNG, " + version.width() + "x" + version.height() + ")",
                        Optional.of(version.id())));
            }
        }
    }

    private void undo(TurnContext ctx, String conv, Version version) {
        if (version.isRoot()) {
            throw new TurnException("nothing_to_undo", "This is the original; there is nothing before it.");
        }
        // Under the current result this is a real undo (Redo brings it back); under an older one it moves to that
        // result's parent.
        boolean current = store.head(conv).map(h -> h.id().equals(version.id())).orElse(false);
        Version parent = current ? store.undo(conv) : store.goTo(conv, new VersionRef.ById(version.parentId()));
        ctx.send(replies.show(conv, ctx.userId(), parent, Optional.empty()));
    }

    /** The pressed version, in the presser's own conversation (a result of someone else's is copied over). */
    private Version versionForButton(TurnContext ctx, String versionId, Optional<String> messageId) {
        Optional<Version> own = store.find(ctx.conversation(), versionId);
        if (own.isPresent()) {
            return own.get();
        }
        if (messageId.isPresent()) {
            var shown = store.resolveMessage(new MessageRef(ctx.origin().platform(), ctx.origin().chatId(),
                    messageId.get()));
            if (shown.isPresent() && shown.get().version().id().equals(versionId)) {
                return store.continueFrom(ctx.conversation(), shown.get(), ctx.userId());
            }
        }
        throw new TurnException("not_in_this_conversation", "That picture belongs to another conversation.");
    }
}
