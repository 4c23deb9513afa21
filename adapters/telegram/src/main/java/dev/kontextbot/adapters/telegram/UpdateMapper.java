package dev.kontextbot.adapters.telegram;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * Maps Telegram updates to the bot's platform-neutral events. In groups the bot only hears what is meant for it: a
 * command (without another bot's @suffix), a mention of its @username, or a reply to one of its messages. Commands
 * pass through as text with the @suffix stripped; the bot's parser understands the slash forms.
 */
final class UpdateMapper {

    static final String PLATFORM = "telegram";
    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z0-9_]+)(@([A-Za-z0-9_]+))?(?=\\s|$)");
    private static final String NOT_A_PICTURE =
            "I work with pictures: send a photo, or an image file (PNG, JPEG or WebP) to keep full quality.";

    private final TelegramOptions options;
    private final BotIdentity identity;
    private final FileDownloader downloader;
    private final Pattern mention;

    UpdateMapper(TelegramOptions options, BotIdentity identity, FileDownloader downloader) {
        this.options = options;
        this.identity = identity;
        this.downloader = downloader;
        this.mention = Pattern.compile("@" + Pattern.quote(identity.username()) + "\\b", Pattern.CASE_INSENSITIVE);
    }

    Incoming map(Update update) {
        if (update.hasCallbackQuery()) {
            return button(update.getCallbackQuery());
        }
        if (update.hasMessage()) {
            return message(update.getMessage());
        }
        return new Incoming.Ignored("update kind not handled", Optional.empty());
    }

    private Incoming button(CallbackQuery query) {
        Optional<String> answer = Optional.of(query.getId());
        MaybeInaccessibleMessage pressed = query.getMessage();
        if (pressed == null || pressed.getChat() == null || query.getData() == null) {
            return new Incoming.Ignored("button without a message", answer);
        }
        Chat chat = pressed.getChat();
        if (!options.allows(chat.getId())) {
            return new Incoming.Ignored("chat not allowed", answer);
        }
        Optional<Integer> thread = pressed instanceof Message message ? threadOf(message) : Optional.empty();
        ChatOrigin origin = origin(chat, thread, query.getFrom());
        String messageId = Integer.toString(pressed.getMessageId());
        ButtonPress press = new ButtonPress(origin, query.getData(), Optional.of(messageId), Optional.empty());
        Destination destination = new Destination(chat.getId().toString(), thread,
                Optional.of(pressed.getMessageId()));
        return new Incoming.Button(press, query.getId(), destination);
    }

    private Incoming message(Message message) {
        Chat chat = message.getChat();
        if (message.getFrom() == null || chat == null || Boolean.TRUE.equals(message.getFrom().getIsBot())) {
            return new Incoming.Ignored("no human author", Optional.empty());
        }
        if (!options.allows(chat.getId())) {
            return new Incoming.Ignored("chat not allowed", Optional.empty());
        }
        boolean privateChat = "private".equals(chat.getType());
        Optional<Integer> thread = threadOf(message);
        Destination destination = new Destination(chat.getId().toString(), thread,
                Optional.of(message.getMessageId()));
        String raw = message.getText() != null ? message.getText() : message.getCaption();
        raw = raw == null ? "" : raw;
        boolean addressed = privateChat || addressesBot(raw, message);
        Optional<String> mediaGroup = Optional.ofNullable(message.getMediaGroupId());
        if (!addressed && mediaGroup.isEmpty()) {
            return new Incoming.Ignored("group message not addressed to the bot", Optional.empty());
        }
        if (isForAnotherBot(raw)) {
            return new Incoming.Ignored("command for another bot", Optional.empty());
        }
        List<Attachment> attachments = new ArrayList<>();
        if (message.getPhoto() != null && !message.getPhoto().isEmpty()) {
            PhotoSize largest = message.getPhoto().stream()
                    .max(Comparator.comparingLong(p -> (long) p.getWidth() * p.getHeight())).orElseThrow();
            long size = largest.getFileSize() == null ? -1 : largest.getFileSize();
            attachments.add(attachment(largest.getFileId(), "photo-" + largest.getFileUniqueId() + ".jpg",
                    "image/jpeg", size));
        }
        Document document = message.getDocument();
        if (document != null) {
            if (!isImage(document)) {
                return addressed ? new Incoming.Refusal(destination, NOT_A_PICTURE)
                        : new Incoming.Ignored("not a picture", Optional.empty());
            }
            long size = document.getFileSize() == null ? -1 : document.getFileSize();
            String name = document.getFileName() == null ? "image" : document.getFileName();
            String mime = document.getMimeType() == null ? "application/octet-stream" : document.getMimeType();
            attachments.add(attachment(document.getFileId(), name, mime, size));
        }
        for (Attachment attachment : attachments) {
            if (attachment.sizeBytes() > options.downloadLimit()) {
                return addressed ? new Incoming.Refusal(destination, tooLargeToDownload(attachment.sizeBytes()))
                        : new Incoming.Ignored("file too large, not addressed", Optional.empty());
            }
        }
        String text = clean(raw);
        if (text.isEmpty() && attachments.isEmpty()) {
            return new Incoming.Ignored("nothing to work with", Optional.empty());
        }
        Optional<String> replyTo = Optional.ofNullable(message.getReplyToMessage())
                .map(m -> Integer.toString(m.getMessageId()));
        ChatEvent event = new ChatEvent(origin(chat, thread, message.getFrom()),
                Optional.of(Integer.toString(message.getMessageId())), text, attachments, replyTo, Optional.empty());
        return new Incoming.Message(event, destination, mediaGroup, addressed);
    }

    private String tooLargeToDownload(long size) {
        if (options.localBotApiServer()) {
            return FileDownloader.tooLarge(size, options.downloadLimit());
        }
        return "That file is " + FileDownloader.megabytes(size) + ", and Telegram lets bots download files of 20 MB"
                + " at most. Send it as a photo (Telegram makes it smaller) or as a smaller file.";
    }

    private TelegramAttachment attachment(String fileId, String name, String mime, long size) {
        return new TelegramAttachment(fileId, name, mime, size, options.downloadLimit(), downloader);
    }

    private ChatOrigin origin(Chat chat, Optional<Integer> thread, User from) {
        boolean privateChat = "private".equals(chat.getType());
        String chatId = chat.getId().toString();
        ChatUser user = new ChatUser(from.getId().toString(), displayName(from), options.admins().contains(from.getId()));
        return new ChatOrigin(PLATFORM, chatId, thread.map(String::valueOf), user, privateChat,
                privateChat ? Optional.empty() : Optional.of(chatId));
    }

    /** Forum topics only: a thread id on any other message would make sends fail with "thread not found". */
    private static Optional<Integer> threadOf(Message message) {
        return message.isTopicMessage() ? Optional.ofNullable(message.getMessageThreadId()) : Optional.empty();
    }

    private boolean addressesBot(String text, Message message) {
        Message repliedTo = message.getReplyToMessage();
        if (repliedTo != null && repliedTo.getFrom() != null && repliedTo.getFrom().getId() == identity.id()) {
            return true;
        }
        Matcher command = COMMAND.matcher(text);
        if (command.find()) {
            return command.group(3) == null || command.group(3).equalsIgnoreCase(identity.username());
        }
        return mention.matcher(text).find();
    }

    private boolean isForAnotherBot(String text) {
        Matcher command = COMMAND.matcher(text);
        return command.find() && command.group(3) != null && !command.group(3).equalsIgnoreCase(identity.username());
    }

    /** "/undo@kontextbot" becomes "/undo"; "@kontextbot make it red" becomes "make it red". */
    String clean(String text) {
        Matcher command = COMMAND.matcher(text);
        String withoutSuffix = command.find() && command.group(2) != null
                ? "/" + command.group(1) + text.substring(command.end()) : text;
        return mention.matcher(withoutSuffix).replaceAll("").replaceAll("[ \\t]{2,}", " ").strip();
    }

    private static boolean isImage(Document document) {
        String mime = document.getMimeType() == null ? "" : document.getMimeType().toLowerCase(Locale.ROOT);
        String name = document.getFileName() == null ? "" : document.getFileName().toLowerCase(Locale.ROOT);
        return mime.startsWith("image/") || name.matches(".*\\.(png|jpe?g|webp|bmp|gif|tiff?)$");
    }

    private static String displayName(User user) {
        String name = user.getFirstName() == null ? "" : user.getFirstName();
        if (user.getLastName() != null) {
            name = name + " " + user.getLastName();
        }
        return name.isBlank() ? user.getUserName() : name.strip();
    }
}
