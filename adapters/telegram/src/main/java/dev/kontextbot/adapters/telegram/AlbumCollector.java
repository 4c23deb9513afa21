package dev.kontextbot.adapters.telegram;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Telegram delivers an album as separate messages sharing a {@code media_group_id}. They are collected for a short
 * window after the first one and handed on as one message with every picture (the caption rides on one of them).
 * In groups the album counts as addressed when any of its messages is.
 */
final class AlbumCollector {

    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);

    private final Duration window;
    private final ScheduledExecutorService timer;
    private final Consumer<Incoming.Message> downstream;
    private final Map<String, List<Incoming.Message>> pending = new HashMap<>();

    AlbumCollector(Duration window, ScheduledExecutorService timer, Consumer<Incoming.Message> downstream) {
        this.window = window;
        this.timer = timer;
        this.downstream = downstream;
    }

    void accept(Incoming.Message message) {
        if (message.mediaGroupId().isEmpty()) {
            if (message.addressed()) {
                downstream.accept(message);
            }
            return;
        }
        String key = message.destination().chatId() + "/" + message.mediaGroupId().get();
        boolean first;
        synchronized (pending) {
            List<Incoming.Message> parts = pending.computeIfAbsent(key, k -> new ArrayList<>());
            first = parts.isEmpty();
            parts.add(message);
        }
        if (first) {
            timer.schedule(() -> flush(key), window.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flush(String key) {
        List<Incoming.Message> parts;
        synchronized (pending) {
            parts = pending.remove(key);
        }
        if (parts == null || parts.stream().noneMatch(Incoming.Message::addressed)) {
            return;
        }
        downstream.accept(combine(parts));
    }

    static Incoming.Message combine(List<Incoming.Message> parts) {
        List<Incoming.Message> ordered = new ArrayList<>(parts);
        ordered.sort((a, b) -> Integer.compare(a.destination().replyTo().orElse(0), b.destination().replyTo().orElse(0)));
        Incoming.Message first = ordered.getFirst();
        List<Attachment> attachments = new ArrayList<>();
        String text = "";
        Optional<String> replyTo = Optional.empty();
        for (Incoming.Message part : ordered) {
            attachments.addAll(part.event().attachments());
            if (text.isEmpty() && !part.event().text().isEmpty()) {
                text = part.event().text();
            }
            if (replyTo.isEmpty()) {
                replyTo = part.event().replyToMessageId();
            }
        }
        ChatEvent event = new ChatEvent(first.event().origin(), first.event().messageId(), text, attachments, replyTo,
                Optional.empty());
        return new Incoming.Message(event, first.destination(), first.mediaGroupId(), true);
    }
}
