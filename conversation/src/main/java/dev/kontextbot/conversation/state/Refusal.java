package dev.kontextbot.conversation.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kontextbot.conversation.state.ConversationException.Reason;

/**
 * Why a conversation operation was refused, with the facts a sentence needs; the words are bot-core's
 * ({@code StateWords}). Stored as JSON inside a failed job's outcome, so the names of the types are part of the
 * Redis schema (docs/jobs.md): rename none.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "refusal")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Refusal.NoImageYet.class, name = "no_image_yet"),
        @JsonSubTypes.Type(value = Refusal.NothingToUndo.class, name = "nothing_to_undo"),
        @JsonSubTypes.Type(value = Refusal.NoPrevious.class, name = "no_previous"),
        @JsonSubTypes.Type(value = Refusal.NothingToRedo.class, name = "nothing_to_redo"),
        @JsonSubTypes.Type(value = Refusal.VersionGone.class, name = "version_gone"),
        @JsonSubTypes.Type(value = Refusal.VersionNoLongerStored.class, name = "version_no_longer_stored"),
        @JsonSubTypes.Type(value = Refusal.NoSuchVersion.class, name = "no_such_version"),
        @JsonSubTypes.Type(value = Refusal.NoSuchNumber.class, name = "no_such_number"),
        @JsonSubTypes.Type(value = Refusal.NotAVersionId.class, name = "not_a_version_id"),
        @JsonSubTypes.Type(value = Refusal.OtherConversation.class, name = "other_conversation"),
        @JsonSubTypes.Type(value = Refusal.ImageGone.class, name = "image_gone"),
        @JsonSubTypes.Type(value = Refusal.ImageNotHere.class, name = "image_not_here"),
        @JsonSubTypes.Type(value = Refusal.Forgotten.class, name = "forgotten"),
        @JsonSubTypes.Type(value = Refusal.ReferenceLimit.class, name = "reference_limit"),
        @JsonSubTypes.Type(value = Refusal.VersionPruned.class, name = "version_pruned"),
        @JsonSubTypes.Type(value = Refusal.NoVersionNamed.class, name = "no_version_named"),
        @JsonSubTypes.Type(value = Refusal.NumberedFromOne.class, name = "numbered_from_one"),
        @JsonSubTypes.Type(value = Refusal.Worded.class, name = "worded")
})
public sealed interface Refusal {

    /** The code the user's reply carries ({@code reason().name()} in lower case). */
    default Reason reason() {
        return switch (this) {
            case NoImageYet r -> Reason.EMPTY;
            case NothingToUndo r -> Reason.NOTHING_TO_UNDO;
            case NoPrevious r -> Reason.NOTHING_TO_UNDO;
            case NothingToRedo r -> Reason.NOTHING_TO_REDO;
            case VersionGone r -> Reason.VERSION_NOT_FOUND;
            case VersionNoLongerStored r -> Reason.VERSION_NOT_FOUND;
            case NoSuchVersion r -> Reason.VERSION_NOT_FOUND;
            case NoSuchNumber r -> Reason.VERSION_NOT_FOUND;
            case NotAVersionId r -> Reason.VERSION_NOT_FOUND;
            case OtherConversation r -> Reason.NOT_IN_THIS_CONVERSATION;
            case ImageGone r -> Reason.IMAGE_MISSING;
            case ImageNotHere r -> Reason.IMAGE_MISSING;
            case Forgotten r -> Reason.FORGOTTEN;
            case ReferenceLimit r -> Reason.REFERENCE_LIMIT;
            case VersionPruned r -> Reason.VERSION_PRUNED;
            case NoVersionNamed r -> Reason.VERSION_NOT_FOUND;
            case NumberedFromOne r -> Reason.VERSION_NOT_FOUND;
            case Worded w -> w.reason();
        };
    }

    /** The conversation has no picture yet. */
    record NoImageYet() implements Refusal {
    }

    /** Undo at the original picture. */
    record NothingToUndo() implements Refusal {
    }

    /** "The previous one" asked at the original picture. */
    record NoPrevious() implements Refusal {
    }

    record NothingToRedo() implements Refusal {
    }

    /** A version a script was given is not (or no longer) in the conversation. */
    record VersionGone(String versionId) implements Refusal {
    }

    /** The version a move lands on was removed in the meantime. */
    record VersionNoLongerStored() implements Refusal {
    }

    /** A version named by id that this conversation does not hold. */
    record NoSuchVersion(String versionId) implements Refusal {
    }

    /** A version number that is not stored; {@code keptVersions}: how many versions a conversation keeps. */
    record NoSuchNumber(int number, int keptVersions) implements Refusal {
    }

    /** Text that is not a version id at all. */
    record NotAVersionId(String text) implements Refusal {
    }

    /** A well-formed id minted by another conversation. */
    record OtherConversation(String versionId) implements Refusal {
    }

    /** A picture to copy from another conversation is no longer stored. */
    record ImageGone() implements Refusal {
    }

    /** A reference to an image this conversation does not store. */
    record ImageNotHere() implements Refusal {
    }

    /** The conversation was forgotten while the picture was being made. */
    record Forgotten() implements Refusal {
    }

    /** Every reference place of that kind is taken. */
    record ReferenceLimit(int perKind) implements Refusal {
    }

    /** Retention removed the version a job made before it was read back. */
    record VersionPruned() implements Refusal {
    }

    /** Blank text where a version should be named. */
    record NoVersionNamed() implements Refusal {
    }

    /** Version number 0. */
    record NumberedFromOne() implements Refusal {
    }

    /** A refusal raised outside this module, in the words its caller (bot-core, from its language data) chose. */
    record Worded(Reason reason, String words) implements Refusal {
    }
}
