package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.service.TurnContext;
import dev.kontextbot.core.service.TurnException;
import dev.kontextbot.core.service.VersionReplies;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.drift.ColourAnchor;
import dev.kontextbot.inference.drift.DriftMeter;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.langchain4j.agent.tool.Tool;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.UUID;

/** Drift correction: re-anchoring the current picture's colours to the original of its tree. */
public final class DriftTools {

    private final TurnContext ctx;
    private final ConversationStore store;
    private final VersionReplies replies;
    private final ImageDecoder decoder = new ImageDecoder();
    private final PngCodec png = new PngCodec();
    private final DriftMeter meter = new DriftMeter(new LanczosResizer());

    public DriftTools(TurnContext ctx, ConversationStore store, VersionReplies replies) {
        this.ctx = ctx;
        this.store = store;
        this.replies = replies;
    }

    @Tool(name = "reanchor", value = "Re-anchor: bring the current picture's colours back to the original's, where "
            + "they drifted over many edits. Makes a new version; the intended changes stay.")
    public String reanchor() {
        return ToolGuard.run(ctx, () -> {
            String conv = ctx.conversation();
            Version head = store.head(conv)
                    .orElseThrow(() -> new TurnException("empty", "There is no picture to re-anchor yet."));
            Version root = head;
            while (root.parentId() != null) {
                root = store.find(conv, root.parentId()).orElseThrow(() -> new TurnException("image_missing",
                        "The original of this picture is no longer stored."));
            }
            if (root == head) {
                throw new TurnException("nothing_to_reanchor", "This is the original: there is no drift to fix.");
            }
            BlobStore blobs = store.blobs(conv, ctx.userId());
            BufferedImage rootImage = decode(blobs, root);
            BufferedImage fixed = new ColourAnchor(meter).reanchor(rootImage, decode(blobs, head));
            String blob = blobs.putPng(png.encodePng(fixed));
            String instruction = "re-anchor colours to " + root.label();
            Version made = store.append(conv, new NewVersion(head.id(), "re-anchor", instruction, 0, 0, 0,
                    fixed.getWidth(), fixed.getHeight(), blob, null, ctx.userId(), "reanchor-" + UUID.randomUUID()));
            store.driftLog().record(conv, made.id(), meter.measure(rootImage, fixed).encode());
            ctx.send(replies.show(conv, ctx.userId(), made, Optional.empty()));
            return "Re-anchored the colours to " + root.label() + " as " + made.label() + ".";
        });
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
