package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.drift.DriftMeasure;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Measures each stored result against the root of its tree, for history and "re-anchor". */
public final class DriftRecorder {

    private static final Logger log = LoggerFactory.getLogger(DriftRecorder.class);

    private final ConversationStore store;
    private final ImageDecoder decoder;
    private final DriftMeasure measure;

    public DriftRecorder(ConversationStore store, ImageDecoder decoder, DriftMeasure measure) {
        this.store = store;
        this.decoder = decoder;
        this.measure = measure;
    }

    /** Records the drift of {@code stored} (showing {@code image}); a failure here never fails the job. */
    void record(String conv, BlobStore blobs, Version stored, BufferedImage image) {
        try {
            Version root = stored;
            while (root.parentId() != null) {
                Optional<Version> parent = store.find(conv, root.parentId());
                if (parent.isEmpty()) {
                    return;
                }
                root = parent.get();
            }
            if (root == stored) {
                return;
            }
            Optional<byte[]> rootPng = blobs.png(root.imageBlob());
            if (rootPng.isPresent()) {
                store.driftLog().record(conv, stored.id(), measure.measure(decoder.decode(rootPng.get()), image).encode());
            }
        } catch (InferenceException | RuntimeException e) {
            log.warn("Could not measure the drift of {}: {}", stored.label(), e.getMessage());
        }
    }
}
