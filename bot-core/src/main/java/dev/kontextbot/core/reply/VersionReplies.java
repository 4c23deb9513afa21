package dev.kontextbot.core.reply;

import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.inference.pipeline.ModelFamily;
import java.util.Optional;

/** Builds the image reply that shows a version: its PNG, caption and buttons. */
public final class VersionReplies {

    private final ConversationStore store;
    private final boolean standIn;
    private final ModelFamily family;

    /** @param family the family the workers run now: a version another family made says so in its caption */
    public VersionReplies(ConversationStore store, boolean standIn, ModelFamily family) {
        this.store = store;
        this.standIn = standIn;
        this.family = family;
    }

    public Reply.Image show(String conversation, String userId, Version version, Optional<String> jobId) {
        byte[] png = store.blobs(conversation, userId).png(version.imageBlob())
                .orElseThrow(() -> new TurnException("image_missing",
                        "The picture of " + version.label() + " is no longer stored."));
        String caption = Captions.forVersion(version.number(), version.instructionSent(),
                version.isRoot() ? -1 : version.seed(), standIn)
                + familyNote(conversation, version).map(note -> "\n(" + note + ")").orElse("");
        return new Reply.Image(version.id(), Optional.ofNullable(version.parentId()), version.number(), png,
                version.width(), version.height(), caption,
                ActionKeys.forResult(version.id(), !version.isRoot(), false), standIn, jobId);
    }

    /**
     * Where the installed model changed within this conversation: a version another family made, or the first one
     * this family made from another family's. The picture is carried over, never the other family's latents.
     */
    Optional<String> familyNote(String conversation, Version version) {
        if (version.family() == null) {
            return Optional.empty();
        }
        if (!version.madeBy(family.id())) {
            return Optional.of(version.label() + " was made with " + name(version.family()) + "; edits now use "
                    + family.displayName() + ", which starts from its picture");
        }
        return Optional.ofNullable(version.parentId()).flatMap(id -> store.find(conversation, id))
                .filter(parent -> parent.family() != null && !parent.madeBy(family.id()))
                .map(parent -> "made with " + family.displayName() + " from the picture of " + parent.label()
                        + ", which " + name(parent.family()) + " made");
    }

    /** "made with FLUX.1 Kontext [dev]" for a version another family than the installed one made. */
    public Optional<String> otherFamily(Version version) {
        return version.family() == null || version.madeBy(family.id()) ? Optional.empty()
                : Optional.of("made with " + name(version.family()));
    }

    private static String name(String familyId) {
        return ModelFamily.byId(familyId).map(ModelFamily::displayName).orElse(familyId);
    }
}
