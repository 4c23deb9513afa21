package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.image.DerivedPng;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.drift.ColourAnchor;
import dev.kontextbot.inference.drift.DriftMeter;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.prompts.CombinedInstruction;
import dev.kontextbot.prompts.InstructionTooLongException;
import dev.kontextbot.prompts.InvalidInstructionException;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Drift correction: re-anchoring the current picture's colours to the original of its tree, or replaying the edits
 * since the original as one combined edit (a new branch from the original); the user picks between the results.
 */
public final class DriftTools {

    /** The job id prefix of a re-anchored version (a colour fix made in the turn, no model run). */
    static final String REANCHOR_JOB = "reanchor-";

    private final ConversationStore store;
    private final VersionReplies replies;
    private final ImageDecoder decoder;
    private final DerivedPng derived;
    private final DriftMeter meter;
    private final ColourAnchor anchor;
    private final EditService edits;
    private final CombinedInstruction combiner;

    public DriftTools(ConversationStore store, VersionReplies replies, EditService edits, ImageDecoder decoder,
                      DerivedPng derived, DriftMeter meter, ColourAnchor anchor, CombinedInstruction combiner) {
        this.decoder = decoder;
        this.derived = derived;
        this.meter = meter;
        this.anchor = anchor;
        this.combiner = combiner;
        this.store = store;
        this.replies = replies;
        this.edits = edits;
    }

    @Tool(name = "reanchor", value = "Re-anchor: bring the current picture's colours back to the original's, where "
            + "they drifted over many edits. Makes a new version; the intended changes stay.")
    public String reanchor(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            String conv = ctx.conversation();
            Version head = store.head(conv)
                    .orElseThrow(() -> new TurnException("empty", "There is no picture to re-anchor yet."));
            List<Version> path = pathFromRoot(conv, head);
            Version root = path.getFirst();
            if (root == head) {
                throw new TurnException("nothing_to_reanchor", "This is the original: there is no drift to fix.");
            }
            BlobStore blobs = store.blobs(conv, ctx.userId());
            BufferedImage rootImage = decode(blobs, root);
            BufferedImage fixed = anchor.reanchor(rootImage, decode(blobs, head));
            String instruction = "re-anchor colours to " + root.label();
            // The model's picture with its colours moved back: it keeps the provenance of the version it fixes.
            String blob = blobs.putPng(derived.encode(fixed, blobs.png(head.imageBlob()).orElseThrow(),
                    "Colours of " + head.label() + " re-anchored to " + root.label(), true));
            Version made = store.append(conv, new NewVersion(head.id(), "re-anchor", instruction, 0, 0, 0,
                    fixed.getWidth(), fixed.getHeight(), blob, null, ctx.userId(), REANCHOR_JOB + UUID.randomUUID()));
            store.driftLog().record(conv, made.id(), meter.measure(rootImage, fixed).encode());
            ctx.send(replies.show(conv, ctx.userId(), made, Optional.empty()));
            // The other fix, offered so the user can pick between the two results.
            String told = "Re-anchored the colours to " + root.label() + " as " + made.label() + ". Lost detail "
                    + "needs the model: say 'replay from the start' to redo the edits from " + root.label()
                    + " as one, then pick the one you like.";
            ctx.send(new Reply.Text(told));
            return told;
        });
    }

    @Tool(name = "reanchor_by_replay", value = "Re-anchor by replay: run all the edits made since the original again "
            + "as ONE combined edit of the original, to undo drift (soft faces, shifted colours). The result is a new "
            + "branch from the original; the current version stays, and the user picks between them.")
    public String reanchorByReplay(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            String conv = ctx.conversation();
            Version head = store.head(conv)
                    .orElseThrow(() -> new TurnException("empty", "There is no picture to replay yet."));
            List<Version> path = pathFromRoot(conv, head);
            Version root = path.getFirst();
            // A re-anchored version is a colour fix, not an instruction: nothing of it is replayed.
            List<String> steps = path.stream().skip(1)
                    .filter(v -> v.jobId() == null || !v.jobId().startsWith(REANCHOR_JOB))
                    .map(Version::instructionTyped).toList();
            CombinedInstruction.Combined combined;
            try {
                combined = combiner.combine(steps);
            } catch (InstructionTooLongException e) {
                throw new TurnException("replay_too_long", e.getMessage());
            } catch (InvalidInstructionException e) {
                throw new TurnException("nothing_to_replay", "There are no edits to replay: " + head.label()
                        + " is the original or only colour fixes of it.");
            }
            if (!edits.editCombined(ctx, root, combined)) {
                return "The replay could not be queued.";
            }
            String kept = head.jobId() != null && head.jobId().startsWith(REANCHOR_JOB)
                    ? "the colour-matched " + head.label() : head.label();
            String told = "Replaying " + plural(combined.steps().size(), "edit") + " from " + root.label()
                    + " as one: \"" + combined.instruction() + "\". It comes as a new branch from " + root.label()
                    + "; " + kept + " stays as it is: say 'go to " + head.label() + "' to go back to it, or "
                    + "'history' to compare.";
            ctx.send(new Reply.Text(told));
            return told;
        });
    }

    /** The versions from the root of {@code head}'s tree down to {@code head}, root first. */
    private List<Version> pathFromRoot(String conv, Version head) {
        List<Version> path = new ArrayList<>();
        Version v = head;
        path.add(v);
        while (v.parentId() != null) {
            v = store.find(conv, v.parentId()).orElseThrow(() -> new TurnException("image_missing",
                    "The original of this picture is no longer stored."));
            path.addFirst(v);
        }
        return path;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private BufferedImage decode(BlobStore blobs, Version v) {
        byte[] bytes = blobs.png(v.imageBlob()).orElseThrow(() -> new TurnException("image_missing",
                "The picture of " + v.label() + " is no longer stored."));
        try {
            return decoder.decode(bytes);
        } catch (InferenceException e) {
            throw new TurnException("image_missing", "The picture of " + v.label() + " could not be read.");
        }
    }
}
