package dev.kontextbot.adapters.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Update JSON as the Bot API documents it, for the fake server's queue and for the mapper. */
final class Updates {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final long ALICE = 7001;
    static final long PRIVATE_CHAT = ALICE;
    static final long GROUP_CHAT = -100_123;

    private Updates() {
    }

    static ObjectNode message(long chatId, int messageId, long fromId) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", messageId).put("date", 1_700_000_000);
        message.putObject("chat").put("id", chatId).put("type", chatId > 0 ? "private" : "supergroup");
        message.putObject("from").put("id", fromId).put("is_bot", false).put("first_name", "Alice")
                .put("last_name", "Liddell").put("username", "alice");
        return message;
    }

    static ObjectNode text(long chatId, int messageId, String text) {
        return message(chatId, messageId, ALICE).put("text", text);
    }

    static ObjectNode photo(long chatId, int messageId, String fileId, long size, String caption) {
        ObjectNode message = message(chatId, messageId, ALICE);
        var sizes = message.putArray("photo");
        sizes.addObject().put("file_id", fileId + "-thumb").put("file_unique_id", "t" + fileId).put("width", 90)
                .put("height", 68).put("file_size", 1200);
        sizes.addObject().put("file_id", fileId).put("file_unique_id", "u" + fileId).put("width", 640)
                .put("height", 480).put("file_size", size);
        if (caption != null) {
            message.put("caption", caption);
        }
        return message;
    }

    static ObjectNode document(long chatId, int messageId, String fileId, long size, String mime, String name) {
        ObjectNode message = message(chatId, messageId, ALICE);
        message.putObject("document").put("file_id", fileId).put("file_unique_id", "u" + fileId)
                .put("file_name", name).put("mime_type", mime).put("file_size", size);
        return message;
    }

    /** Makes {@code message} a reply to a message of the bot. */
    static ObjectNode replyingToBot(ObjectNode message, int botMessageId) {
        ObjectNode replied = message.putObject("reply_to_message");
        replied.put("message_id", botMessageId).put("date", 1_700_000_000);
        replied.set("chat", message.get("chat").deepCopy());
        replied.set("from", FakeBotApi.botUser());
        return message;
    }

    static ObjectNode wrapMessage(ObjectNode message) {
        ObjectNode update = JSON.createObjectNode();
        update.set("message", message);
        return update;
    }

    static ObjectNode callback(String id, long chatId, int botMessageId, String data) {
        ObjectNode update = JSON.createObjectNode();
        ObjectNode query = update.putObject("callback_query");
        query.put("id", id).put("chat_instance", "ci-1").put("data", data);
        query.putObject("from").put("id", ALICE).put("is_bot", false).put("first_name", "Alice");
        ObjectNode message = query.putObject("message");
        message.put("message_id", botMessageId).put("date", 1_700_000_000);
        message.putObject("chat").put("id", chatId).put("type", chatId > 0 ? "private" : "supergroup");
        message.set("from", FakeBotApi.botUser());
        message.putArray("photo").addObject().put("file_id", "sent").put("file_unique_id", "s").put("width", 10)
                .put("height", 10);
        return update;
    }

    static Update parse(ObjectNode update) {
        if (!update.has("update_id")) {
            update.put("update_id", 1);
        }
        try {
            return JSON.treeToValue(update, Update.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
