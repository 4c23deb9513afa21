package dev.kontextbot.core.agent;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import dev.kontextbot.core.testing.RecordingPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Small helpers for conversations with the real bot: one person talking (pictures are in TestPictures). */
public final class TestChats {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private TestChats() {
    }

    /** {@code user} alone in a private chat "chat-USER" on {@code platform}. */
    public static ChatOrigin privateChat(String platform, String user) {
        return ChatOrigin.privateChat(platform, "chat-" + user, new ChatUser(user, user, false));
    }

    /** Registers a recording platform named after {@code origin}'s platform; the person talks from there. */
    public static Person join(KontextBot bot, ChatOrigin origin) {
        RecordingPlatform chat = new RecordingPlatform(origin.platform());
        bot.register(chat);
        return new Person(bot, origin, chat);
    }

    /** One person in one chat, with the platform that records what the bot says to them. */
    public record Person(KontextBot bot, ChatOrigin origin, RecordingPlatform chat) {

        /** Sends a message and waits for the turn (not for queued pictures). */
        public void say(String text, Attachment... attachments) {
            bot.onMessage(new ChatEvent(origin, Optional.empty(), text, List.of(attachments), Optional.empty(),
                    Optional.empty()), chat).orTimeout(2, TimeUnit.MINUTES).join();
        }

        /** Presses a button the bot showed, and waits for the turn. */
        public void press(ReplyAction action) {
            bot.onButton(new ButtonPress(origin, action.key(), Optional.empty(), Optional.empty()), chat)
                    .orTimeout(2, TimeUnit.MINUTES).join();
        }

        /** The next finished picture (a job's result). */
        public Reply.Image nextResult() {
            return chat.await(Reply.Image.class, i -> i.jobId().isPresent(), WAIT);
        }

        /** The next picture shown without a job (undo, redo, go to, a kept upload). */
        public Reply.Image nextShown() {
            return chat.await(Reply.Image.class, i -> i.jobId().isEmpty(), WAIT);
        }

        public Reply.Text nextText() {
            return chat.await(Reply.Text.class, t -> true, WAIT);
        }

        public Reply.Error nextError() {
            return chat.await(Reply.Error.class, e -> true, WAIT);
        }
    }
}
