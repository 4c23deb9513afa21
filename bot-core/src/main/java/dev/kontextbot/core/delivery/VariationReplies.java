package dev.kontextbot.core.delivery;

import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import dev.kontextbot.core.reply.ActionKeys;
import dev.kontextbot.core.reply.Captions;
import dev.kontextbot.core.image.DerivedPng;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reply that shows a "vary" job's results together: each variation's picture, the grid of all of them, one
 * "Pick N" button each, and a caption that says which is current and how to pick.
 */
public final class VariationReplies {

    private final VersionReplies replies;
    private final VariationGrid grid;
    private final ImageDecoder decoder;
    private final DerivedPng derived;

    public VariationReplies(VersionReplies replies, VariationGrid grid, ImageDecoder decoder, DerivedPng derived) {
        this.replies = replies;
        this.grid = grid;
        this.decoder = decoder;
        this.derived = derived;
    }

    /** {@code set}: the variations in the order they were made (2 to 4); {@code current}: the head among them. */
    Reply.Variations show(String conversation, String userId, List<Version> set, Version current,
                          Optional<String> jobId) {
        List<String> ids = set.stream().map(Version::id).toList();
        List<ReplyAction> picks = ActionKeys.forVariations(ids);
        List<Reply.Variations.Variation> shown = new ArrayList<>();
        List<BufferedImage> pictures = new ArrayList<>();
        boolean standIn = false;
        for (int i = 0; i < set.size(); i++) {
            Reply.Image image = replies.show(conversation, userId, set.get(i), jobId);
            standIn |= image.standIn();
            shown.add(new Reply.Variations.Variation(i + 1, image.versionId(), image.versionNumber(), image.png(),
                    image.width(), image.height(), picks.get(i)));
            pictures.add(decode(image));
        }
        VariationGrid.Grid composed = grid.compose(pictures);
        // The model made every tile: the grid is marked as the first one is, without one tile's recipe for all.
        byte[] gridPng = derived.encode(composed.image(), shown.getFirst().png(), "Variations "
                + set.stream().map(Version::label).collect(java.util.stream.Collectors.joining(", ")) + " side by side",
                false);
        return new Reply.Variations(shown, gridPng, composed.image().getWidth(),
                composed.image().getHeight(), caption(set, current, standIn), standIn, jobId);
    }

    static String caption(List<Version> set, Version current, boolean standIn) {
        int n = set.size();
        int currentNumber = set.indexOf(current) + 1;
        Version first = set.getFirst();
        StringBuilder caption = new StringBuilder();
        caption.append(n).append(" variations");
        if (first.instructionSent() != null && !first.instructionSent().isBlank()) {
            caption.append(" of \"").append(first.instructionSent()).append('"');
        }
        caption.append(": ");
        for (int i = 0; i < n; i++) {
            caption.append(i == 0 ? "" : ", ").append(i + 1).append(" is ").append(set.get(i).label());
        }
        caption.append(". ");
        if (currentNumber > 0) {
            caption.append(currentNumber).append(" (").append(current.label()).append(") is current. ");
        }
        caption.append("To keep another, say 'pick 1' to 'pick ").append(n).append("' (or press its button); ")
                .append("the rest stay in history.");
        if (standIn) {
            caption.append("\n(").append(Captions.STAND_IN_NOTICE).append(')');
        }
        return caption.toString();
    }

    private BufferedImage decode(Reply.Image image) {
        try {
            return decoder.decode(image.png());
        } catch (InferenceException e) {
            throw new TurnException("image_unreadable", "The picture of v" + image.versionNumber()
                    + " could not be read back for the grid.");
        }
    }
}
