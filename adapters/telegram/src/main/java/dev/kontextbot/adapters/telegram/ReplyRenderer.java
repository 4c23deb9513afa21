package dev.kontextbot.adapters.telegram;

import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMediaGroup;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.media.InputMedia;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaDocument;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Renders the bot's replies as Telegram messages and returns the id of the message that shows each one. Results go
 * as photos with their buttons (as documents when Telegram would refuse the photo), a set of variations as an album
 * followed by its pick buttons; a job gets one silent status
 * message, edited no more often than the chat's flood limits allow; a failed edit is logged, never re-sent.
 */
final class ReplyRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyRenderer.class);

    /** sendPhoto takes at most 10 MB, and width plus height at most 10000 with a ratio up to 20. */
    static final long PHOTO_MAX_BYTES = 10L * 1024 * 1024;
    static final int PHOTO_MAX_DIMENSION_SUM = 10_000;
    static final int PHOTO_MAX_RATIO = 20;
    static final Duration PRIVATE_EDIT_INTERVAL = Duration.ofMillis(1500);
    static final Duration GROUP_EDIT_INTERVAL = Duration.ofSeconds(3);
    /** A chat action shows for about five seconds; renew it a little earlier. */
    static final Duration CHAT_ACTION_INTERVAL = Duration.ofSeconds(4);
    /** A running job without progress for this long is taken for lost: no more chat actions for it. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final int BUTTONS_PER_ROW = 3;
    private static final int PROGRESS_BAR_CELLS = 10;

    private final TelegramClient client;
    private final BotApiCalls calls;
    private final JobStatuses statuses;
    private final Clock clock;

    ReplyRenderer(TelegramClient client, BotApiCalls calls, JobStatuses statuses, Clock clock) {
        this.client = client;
        this.calls = calls;
        this.statuses = statuses;
        this.clock = clock;
    }

    Optional<String> render(Destination to, Reply reply) {
        try {
            return switch (reply) {
                case Reply.Text text -> sendText(to, text.text(), false, text.actions());
                case Reply.Error error -> {
                    error.jobId().ifPresent(this::closeStatus);
                    yield sendText(to, error.message(), false);
                }
                case Reply.Image image -> {
                    image.jobId().ifPresent(this::closeStatus);
                    yield sendImage(to, image);
                }
                case Reply.Variations variations -> {
                    variations.jobId().ifPresent(this::closeStatus);
                    yield sendVariations(to, variations);
                }
                case Reply.File file -> sendDocument(to, file.bytes(), file.fileName(), file.caption(), List.of());
                case Reply.Queued queued -> queued(to, queued);
                case Reply.Progress progress -> progress(to, progress);
            };
        } catch (TelegramCallException e) {
            LOG.warn("Could not show a {} in chat {}: {}", reply.getClass().getSimpleName(), to.chatId(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Shows "sending a photo…" at once, as the acknowledgement of a message the bot will work on. */
    void chatAction(Destination to, ActionType action) {
        try {
            calls.edit(to.chatId(), "sendChatAction", () -> client.execute(SendChatAction.builder()
                    .chatId(to.chatId()).messageThreadId(to.threadId().orElse(null)).action(action.toString())
                    .build()));
        } catch (TelegramCallException e) {
            LOG.debug("Chat action not shown in chat {}: {}", to.chatId(), e.getMessage());
        }
    }

    static boolean fitsAsPhoto(Reply.Image image) {
        return fitsAsPhoto(image.png().length, image.width(), image.height());
    }

    static boolean fitsAsPhoto(long bytes, int width, int height) {
        int longSide = Math.max(width, height);
        int shortSide = Math.max(1, Math.min(width, height));
        return bytes <= PHOTO_MAX_BYTES && width + height <= PHOTO_MAX_DIMENSION_SUM
                && longSide <= (long) shortSide * PHOTO_MAX_RATIO;
    }

    /**
     * A set of variations: one album (sendMediaGroup, 2-4 photos, the caption on the first; documents when one of
     * them would be refused as a photo, since an album cannot mix the two), then one message with "Pick 1".."Pick N"
     * under it, because an album cannot carry a keyboard. Returns the id of the album's first message.
     */
    private Optional<String> sendVariations(Destination to, Reply.Variations variations) throws TelegramCallException {
        boolean photos = variations.variations().stream()
                .allMatch(v -> fitsAsPhoto(v.png().length, v.width(), v.height()));
        List<Message> album = calls.send(to.chatId(), "sendMediaGroup", () -> client.execute(SendMediaGroup.builder()
                .chatId(to.chatId()).messageThreadId(to.threadId().orElse(null))
                .medias(albumItems(variations, photos))
                .replyParameters(replyTo(to))
                .build()));
        sendText(to.withoutReply(), pickQuestion(variations), false, variations.picks());
        return album == null || album.isEmpty() ? Optional.empty() : id(album.getFirst());
    }

    /** Built per attempt: a retried call (after a flood wait) needs fresh streams. */
    private static List<InputMedia> albumItems(Reply.Variations variations, boolean photos) {
        List<InputMedia> items = new ArrayList<>();
        for (Reply.Variations.Variation v : variations.variations()) {
            String name = "variation" + v.number() + "-v" + v.versionNumber() + ".png";
            InputMedia item = photos ? new InputMediaPhoto(new ByteArrayInputStream(v.png()), name)
                    : new InputMediaDocument(new ByteArrayInputStream(v.png()), name);
            if (items.isEmpty()) {
                item.setCaption(TelegramText.caption(variations.caption()));
            }
            items.add(item);
        }
        return items;
    }

    static String pickQuestion(Reply.Variations variations) {
        StringBuilder text = new StringBuilder("Which one do you keep?");
        for (Reply.Variations.Variation v : variations.variations()) {
            text.append(v.number() == 1 ? " " : ", ").append(v.number()).append(" is v").append(v.versionNumber());
        }
        return text.append('.').toString();
    }

    private Optional<String> sendImage(Destination to, Reply.Image image) throws TelegramCallException {
        String fileName = "v" + image.versionNumber() + ".png";
        if (!fitsAsPhoto(image)) {
            return sendDocument(to, image.png(), fileName, image.caption(), image.actions());
        }
        Message sent = calls.send(to.chatId(), "sendPhoto", () -> client.execute(SendPhoto.builder()
                .chatId(to.chatId()).messageThreadId(to.threadId().orElse(null))
                .photo(new InputFile(new ByteArrayInputStream(image.png()), fileName))
                .caption(TelegramText.caption(image.caption()))
                .replyParameters(replyTo(to))
                .replyMarkup(keyboard(image.actions()))
                .build()));
        return id(sent);
    }

    private Optional<String> sendDocument(Destination to, byte[] bytes, String fileName, String caption,
                                          List<ReplyAction> actions) throws TelegramCallException {
        Message sent = calls.send(to.chatId(), "sendDocument", () -> client.execute(SendDocument.builder()
                .chatId(to.chatId()).messageThreadId(to.threadId().orElse(null))
                .document(new InputFile(new ByteArrayInputStream(bytes), fileName))
                .caption(TelegramText.caption(caption))
                .disableContentTypeDetection(true)
                .replyParameters(replyTo(to))
                .replyMarkup(keyboard(actions))
                .build()));
        return id(sent);
    }

    /** Sends a text, split over several messages when long; returns the id of the first. */
    private Optional<String> sendText(Destination to, String text, boolean silent) throws TelegramCallException {
        return sendText(to, text, silent, List.of());
    }

    /** A long text goes out in parts; buttons (Yes / No under a question) go under the last part. */
    private Optional<String> sendText(Destination to, String text, boolean silent, List<ReplyAction> actions)
            throws TelegramCallException {
        Optional<String> first = Optional.empty();
        Destination target = to;
        List<String> parts = TelegramText.split(text);
        for (int i = 0; i < parts.size(); i++) {
            Destination current = target;
            String part = parts.get(i);
            InlineKeyboardMarkup buttons = i == parts.size() - 1 ? keyboard(actions) : null;
            Message sent = calls.send(to.chatId(), "sendMessage", () -> client.execute(SendMessage.builder()
                    .chatId(current.chatId()).messageThreadId(current.threadId().orElse(null))
                    .text(part)
                    .disableNotification(silent ? Boolean.TRUE : null)
                    .replyParameters(replyTo(current))
                    .replyMarkup(buttons)
                    .build()));
            if (first.isEmpty()) {
                first = id(sent);
            }
            target = to.withoutReply();
        }
        return first;
    }

    private Optional<String> queued(Destination to, Reply.Queued queued) throws TelegramCallException {
        if (statuses.finished(queued.jobId())) {
            return Optional.empty();
        }
        Optional<JobStatuses.Status> known = statuses.get(queued.jobId());
        if (known.isPresent()) {
            return Optional.of(Integer.toString(known.get().messageId));
        }
        String text = queuedText(queued);
        Optional<String> id = sendText(to, text, true);
        Instant now = clock.instant();
        id.ifPresent(messageId -> statuses.put(queued.jobId(),
                new JobStatuses.Status(to, Integer.parseInt(messageId), now, text)));
        return id;
    }

    private Optional<String> progress(Destination to, Reply.Progress progress) throws TelegramCallException {
        if (statuses.finished(progress.jobId())) {
            return Optional.empty(); // progress overtaken by the result: nothing left to show
        }
        Optional<JobStatuses.Status> known = statuses.get(progress.jobId());
        if (known.isEmpty()) {
            // No "queued" seen here (another front end, or a restart): this progress opens the status message.
            String text = progressText(progress);
            Optional<String> id = sendText(to, text, true);
            Instant now = clock.instant();
            id.ifPresent(messageId -> {
                JobStatuses.Status status = new JobStatuses.Status(to, Integer.parseInt(messageId), now, text);
                status.lastProgress = Optional.of(now);
                status.lastAction = now;
                statuses.put(progress.jobId(), status);
            });
            chatAction(to, ActionType.UPLOAD_PHOTO);
            return id;
        }
        JobStatuses.Status status = known.get();
        boolean action;
        String text;
        synchronized (status) {
            Instant now = clock.instant();
            status.lastProgress = Optional.of(now);
            action = !now.isBefore(status.lastAction.plus(CHAT_ACTION_INTERVAL));
            if (action) {
                status.lastAction = now;
            }
            Duration interval = to.privateChat() ? PRIVATE_EDIT_INTERVAL : GROUP_EDIT_INTERVAL;
            String next = progressText(progress);
            boolean due = !now.isBefore(status.lastEdit.plus(interval)) && !next.equals(status.lastText);
            text = due ? next : null;
            if (due) {
                status.lastEdit = now;
                status.lastText = next;
            }
        }
        if (action) {
            chatAction(to, ActionType.UPLOAD_PHOTO);
        }
        if (text != null) {
            try {
                calls.edit(status.chatId, "editMessageText", () -> client.execute(EditMessageText.builder()
                        .chatId(status.chatId).messageId(status.messageId).text(text).build()));
            } catch (TelegramCallException e) {
                // Never answered with a new message: that is what turns a short flood wait into hours.
                LOG.debug("Progress edit dropped in chat {}: {}", status.chatId, e.getMessage());
            }
        }
        return Optional.of(Integer.toString(status.messageId));
    }

    /**
     * Renews "sending a photo…" in chats whose job runs but sends no progress for a while (slow steps on a CPU);
     * called every second or so by a timer. Jobs silent for {@link #STALE_AFTER} are taken for lost, and chats
     * under a flood limit are left alone.
     */
    void renewChatActions() {
        Instant now = clock.instant();
        for (JobStatuses.Status status : statuses.all()) {
            boolean due;
            synchronized (status) {
                due = status.lastProgress.isPresent() && now.isBefore(status.lastProgress.get().plus(STALE_AFTER))
                        && !now.isBefore(status.lastAction.plus(CHAT_ACTION_INTERVAL))
                        && calls.remainingQuiet(status.chatId).isZero();
                if (due) {
                    status.lastAction = now;
                }
            }
            if (due) {
                chatAction(status.chat, ActionType.UPLOAD_PHOTO);
            }
        }
    }

    /** The job ended: its status message goes away, so the chat keeps the result and not the scaffolding. */
    private void closeStatus(String jobId) {
        statuses.finish(jobId).ifPresent(status -> {
            try {
                calls.edit(status.chatId, "deleteMessage", () -> client.execute(DeleteMessage.builder()
                        .chatId(status.chatId).messageId(status.messageId).build()));
            } catch (TelegramCallException e) {
                LOG.debug("Status message {} not deleted: {}", status.messageId, e.getMessage());
            }
        });
    }

    static String queuedText(Reply.Queued queued) {
        if (queued.ahead() <= 0) {
            return "Queued: starting now…";
        }
        return "Queued: " + queued.ahead() + (queued.ahead() == 1 ? " job" : " jobs") + " ahead, about "
                + seconds(queued.eta()) + ".";
    }

    static String progressText(Reply.Progress progress) {
        int steps = Math.max(1, progress.steps());
        int step = Math.clamp(progress.step(), 0, steps);
        int filled = step * PROGRESS_BAR_CELLS / steps;
        return "Working: step " + step + "/" + steps + " " + "▓".repeat(filled) + "░".repeat(PROGRESS_BAR_CELLS - filled)
                + " about " + seconds(progress.remaining()) + " left";
    }

    private static String seconds(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        return s < 90 ? s + " s" : String.format(Locale.ROOT, "%d min", Math.round(s / 60.0));
    }

    private static ReplyParameters replyTo(Destination to) {
        return to.replyTo().map(id -> ReplyParameters.builder().messageId(id).allowSendingWithoutReply(true).build())
                .orElse(null);
    }

    static InlineKeyboardMarkup keyboard(List<ReplyAction> actions) {
        if (actions.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (ReplyAction action : actions) {
            if (row.size() == BUTTONS_PER_ROW) {
                rows.add(row);
                row = new InlineKeyboardRow();
            }
            row.add(InlineKeyboardButton.builder().text(action.label()).callbackData(action.key()).build());
        }
        rows.add(row);
        return new InlineKeyboardMarkup(rows);
    }

    private static Optional<String> id(Message message) {
        return message == null || message.getMessageId() == null ? Optional.empty()
                : Optional.of(Integer.toString(message.getMessageId()));
    }
}
