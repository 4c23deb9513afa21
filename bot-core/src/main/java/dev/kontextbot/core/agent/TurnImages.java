package dev.kontextbot.core.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Puts this turn's pictures into the request the model sees, not into the stored memory (a picture per message
 * would fill Redis). With a vision model they go as PNG at high detail; otherwise a marker image tells the
 * rule-based mode that a picture came with the words, and the LLM gets a sentence instead.
 */
final class TurnImages implements UnaryOperator<ChatRequest> {

    /** The text sent for a message that is only a picture; replaced before the model sees it. */
    static final String PICTURE_ONLY = "[picture]";

    private final String text;
    private final int attachments;
    private final List<byte[]> visionPngs;
    private final boolean markerImages;

    /** {@code text} is what the user typed ({@link #PICTURE_ONLY} when nothing). */
    TurnImages(String text, int attachments, List<byte[]> visionPngs, boolean markerImages) {
        this.text = text;
        this.attachments = attachments;
        this.visionPngs = visionPngs;
        this.markerImages = markerImages;
    }

    @Override
    public ChatRequest apply(ChatRequest request) {
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                messages.set(i, enrich(user));
                break;
            }
        }
        return request.toBuilder().messages(messages).build();
    }

    private UserMessage enrich(UserMessage user) {
        List<Content> contents = new ArrayList<>();
        if (!PICTURE_ONLY.equals(text)) {
            contents.add(TextContent.from(text));
        }
        if (markerImages) {
            for (int i = 0; i < attachments; i++) {
                contents.add(ImageContent.from("attachment://" + (i + 1)));
            }
        } else {
            if (attachments > 0) {
                contents.add(TextContent.from("(The user attached " + attachments + " picture"
                        + (attachments > 1 ? "s" : "") + ".)"));
            }
            for (byte[] png : visionPngs) {
                contents.add(ImageContent.from(Base64.getEncoder().encodeToString(png), "image/png",
                        ImageContent.DetailLevel.HIGH));
            }
        }
        if (contents.isEmpty()) {
            contents.add(TextContent.from(PICTURE_ONLY));
        }
        return user.toBuilder().contents(contents).build();
    }
}
