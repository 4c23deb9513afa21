package dev.kontextbot.core.service;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.Reply;
import java.util.Optional;

/** Builds the image reply that shows a version: its PNG, caption and buttons. */
public final class VersionReplies {

    private final ConversationStore store;
    private final boolean standIn;

    public VersionReplies(ConversationStore store, boolean standIn) {
        this.store = store;
        this.standIn = standIn;
    }

    public Reply.Image show(String conversation, String userId, Version version, Optional<String> jobId) {
        byte[] png = store.blobs(conversation, userId).png(version.imageBlob())
                .orElseThrow(() -> new TurnException("image_missing",
                        "The picture of " + version.label() + " is no longer stored."));
        String caption = Captions.forVersion(version.number(), version.instructionSent(),
                version.isRoot() ? -1 : version.seed(), standIn);
        return new Reply.Image(version.id(), Optional.ofNullable(version.parentId()), version.number(), png,
                version.width(), version.height(), caption,
                ActionKeys.forResult(version.id(), !version.isRoot(), false), standIn, jobId);
    }
}
