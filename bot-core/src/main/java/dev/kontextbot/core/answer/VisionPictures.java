package dev.kontextbot.core.answer;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;
import dev.kontextbot.core.image.PictureScaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pictures a vision model looks at in a turn: the ones just sent, else the current one, at most 1024 px. */
public final class VisionPictures {

    private static final Logger log = LoggerFactory.getLogger(VisionPictures.class);
    private static final int VISION_SIDE = 1024;

    private final ConversationStore store;
    private final PictureScaler scaler;
    private final long maxUploadBytes;

    public VisionPictures(ConversationStore store, PictureScaler scaler, long maxUploadBytes) {
        this.store = store;
        this.scaler = scaler;
        this.maxUploadBytes = maxUploadBytes;
    }

    List<byte[]> forTurn(String conv, String userId, List<Attachment> attachments, Optional<Version> head) {
        if (!attachments.isEmpty()) {
            return sent(attachments);
        }
        return head.flatMap(v -> store.blobs(conv, userId).png(v.imageBlob()))
                .map(bytes -> List.of(scaler.scaled(bytes, VISION_SIDE))).orElse(List.of());
    }

    /** The pictures sent with a message; one that cannot be fetched is left to the tools. */
    private List<byte[]> sent(List<Attachment> attachments) {
        List<byte[]> out = new ArrayList<>();
        for (Attachment attachment : attachments) {
            try {
                if (attachment.sizeBytes() <= maxUploadBytes) {
                    out.add(scaler.scaled(attachment.fetch(maxUploadBytes), VISION_SIDE));
                }
            } catch (AttachmentException e) {
                log.debug("A picture could not be fetched for the vision model: {}", e.getMessage());
            }
        }
        return out;
    }
}
