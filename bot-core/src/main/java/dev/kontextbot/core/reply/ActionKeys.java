package dev.kontextbot.core.reply;

import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.ReplyAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Short button keys: one letter for the action and the version id, e.g. {@code u.7f3a9c01}. They carry no
 * authority: a press is resolved against the presser's own conversation (and the message index), never trusted.
 */
public final class ActionKeys {

    private static final int MAX_KEY = 32;
    private static final String ANSWER = "answer";

    private ActionKeys() {
    }

    public record Decoded(ActionKind kind, String versionId) {
    }

    public static String encode(ActionKind kind, String versionId) {
        String key = letter(kind) + "." + versionId;
        if (key.length() > MAX_KEY) {
            throw new IllegalArgumentException("version id too long for a button key: " + versionId);
        }
        return key;
    }

    public static Optional<Decoded> decode(String key) {
        if (key == null || key.length() < 3 || key.length() > MAX_KEY || key.charAt(1) != '.') {
            return Optional.empty();
        }
        ActionKind kind = switch (key.charAt(0)) {
            case 'u' -> ActionKind.UNDO;
            case 'r' -> ActionKind.REDO;
            case 't' -> ActionKind.RETRY;
            case 'f' -> ActionKind.USE_AS_REFERENCE;
            case 'o' -> ActionKind.FULL_SIZE;
            case 'y' -> ActionKind.CONFIRM;
            case 'n' -> ActionKind.DECLINE;
            case 'p' -> ActionKind.PICK;
            default -> null;
        };
        String version = key.substring(2);
        if (kind == null || !version.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            return Optional.empty();
        }
        return Optional.of(new Decoded(kind, version));
    }

    /** The buttons under a result. */
    public static List<ReplyAction> forResult(String versionId, boolean hasParent, boolean canRedo) {
        List<ReplyAction> actions = new ArrayList<>();
        if (hasParent) {
            actions.add(new ReplyAction(ActionKind.UNDO, encode(ActionKind.UNDO, versionId)));
        }
        if (canRedo) {
            actions.add(new ReplyAction(ActionKind.REDO, encode(ActionKind.REDO, versionId)));
        }
        actions.add(new ReplyAction(ActionKind.RETRY, encode(ActionKind.RETRY, versionId)));
        actions.add(new ReplyAction(ActionKind.USE_AS_REFERENCE, encode(ActionKind.USE_AS_REFERENCE, versionId)));
        actions.add(new ReplyAction(ActionKind.FULL_SIZE, encode(ActionKind.FULL_SIZE, versionId)));
        return actions;
    }

    /**
     * Yes / No under a question. They name no version: a press is the same as typing "yes" or "no" in the
     * presser's own conversation, so the answer goes to whatever that conversation was last asked.
     */
    public static List<ReplyAction> forQuestion() {
        return List.of(new ReplyAction(ActionKind.CONFIRM, encode(ActionKind.CONFIRM, ANSWER)),
                new ReplyAction(ActionKind.DECLINE, encode(ActionKind.DECLINE, ANSWER)));
    }

    /** "Pick 1" to "Pick N" under a set of variations, each naming its variation's version. */
    public static List<ReplyAction> forVariations(List<String> versionIds) {
        List<ReplyAction> picks = new ArrayList<>();
        for (int i = 0; i < versionIds.size(); i++) {
            picks.add(new ReplyAction(ActionKind.PICK, encode(ActionKind.PICK, versionIds.get(i)),
                    ActionKind.PICK.label() + " " + (i + 1)));
        }
        return picks;
    }

    private static char letter(ActionKind kind) {
        return switch (kind) {
            case UNDO -> 'u';
            case REDO -> 'r';
            case RETRY -> 't';
            case USE_AS_REFERENCE -> 'f';
            case FULL_SIZE -> 'o';
            case CONFIRM -> 'y';
            case DECLINE -> 'n';
            case PICK -> 'p';
        };
    }
}
