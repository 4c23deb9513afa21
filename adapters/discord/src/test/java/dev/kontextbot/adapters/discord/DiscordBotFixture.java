package dev.kontextbot.adapters.discord;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.kontextbot.core.testing.TestBot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.javacord.api.entity.Attachment;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.interaction.ButtonClickEvent;
import org.javacord.api.event.interaction.SlashCommandCreateEvent;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandInteractionOption;

/**
 * The adapter wired around the real bot ({@link TestBot}: real Redis, the stand-in model, the rule-based agent, an
 * in-process worker) with Javacord mocked at its interfaces.
 */
final class DiscordBotFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90);

    final TestBot testBot;
    final SentLog log = new SentLog();
    final JavacordMocks mocks = new JavacordMocks(log);
    final RecordingPoster poster = new RecordingPoster(log);
    final Server server = JavacordMocks.server(JavacordMocks.GUILD);
    final TextChannel channel = JavacordMocks.channel(JavacordMocks.CHANNEL);
    final User alice = mocks.user(JavacordMocks.USER, "alice");
    final DiscordWiring wiring;
    private int nextToken = 1;

    DiscordBotFixture(TestBot testBot, DiscordOptions options) {
        this.testBot = testBot;
        this.wiring = DiscordWiring.of(testBot.bot(), options, Clock.systemUTC(), mocks.originals(), poster,
                id -> id == JavacordMocks.CHANNEL ? Optional.of(channel) : Optional.empty(), JavacordMocks.SELF);
        testBot.bot().register(wiring.delivery());
    }

    static DiscordOptions options() {
        return DiscordOptions.defaults("test-token");
    }

    String token() {
        return "token-" + nextToken++;
    }

    /** A slash command as Javacord hands it over; arguments are String, Long, Double or a Javacord Attachment. */
    SlashCommandInteraction slash(String token, String command, Map<String, Object> arguments) {
        return slash(token, command, arguments, Optional.of(server), Optional.of(channel));
    }

    SlashCommandInteraction slash(String token, String command, Map<String, Object> arguments,
                                  Optional<Server> server, Optional<TextChannel> channel) {
        SlashCommandInteraction interaction = mocks.interaction(SlashCommandInteraction.class, token, server, channel,
                alice);
        when(interaction.getCommandName()).thenReturn(command);
        List<SlashCommandInteractionOption> options = new ArrayList<>();
        arguments.forEach((name, value) -> {
            SlashCommandInteractionOption option = mock(SlashCommandInteractionOption.class);
            when(option.getName()).thenReturn(name);
            switch (value) {
                case String s -> when(option.getStringValue()).thenReturn(Optional.of(s));
                case Long l -> when(option.getLongValue()).thenReturn(Optional.of(l));
                case Double d -> when(option.getDecimalValue()).thenReturn(Optional.of(d));
                case Attachment a -> when(option.getAttachmentValue()).thenReturn(Optional.of(a));
                default -> throw new IllegalArgumentException(value.toString());
            }
            options.add(option);
        });
        when(interaction.getArguments()).thenReturn(options);
        return interaction;
    }

    /** Sends the slash command through the listener and returns its token. */
    String run(String command, Map<String, Object> arguments) {
        String token = token();
        fire(slash(token, command, arguments));
        return token;
    }

    void fire(SlashCommandInteraction interaction) {
        SlashCommandCreateEvent event = mock(SlashCommandCreateEvent.class);
        when(event.getSlashCommandInteraction()).thenReturn(interaction);
        wiring.listeners().onSlashCommandCreate(event);
    }

    /** Presses a button under message {@code messageId}; returns the press's token. */
    String press(String customId, long messageId) {
        String token = token();
        ButtonInteraction interaction = mocks.interaction(ButtonInteraction.class, token, Optional.of(server),
                Optional.of(channel), alice);
        when(interaction.getCustomId()).thenReturn(customId);
        Message message = JavacordMocks.message(messageId);
        when(interaction.getMessage()).thenReturn(message);
        ButtonClickEvent event = mock(ButtonClickEvent.class);
        when(event.getButtonInteraction()).thenReturn(interaction);
        wiring.listeners().onButtonClick(event);
        return token;
    }

    /**
     * The next message of this interaction that shows a picture (a result, not a preview): on the original
     * response, or on the follow-up that became the status message when a note took the original.
     */
    Sent awaitPicture(String token) {
        return log.await(s -> (s.where().equals("original:" + token) || s.where().startsWith("followup:" + token))
                && s.hasFile() && !s.files().contains("preview.png"), WAIT);
    }

    Sent awaitOriginal(String token) {
        return log.await(s -> s.where().equals("original:" + token), WAIT);
    }

    static Attachment attachment(String name, byte[] bytes) {
        return attachment(Attachment.class, name, bytes);
    }

    static <T extends Attachment> T attachment(Class<T> type, String name, byte[] bytes) {
        T attachment = mock(type);
        when(attachment.getFileName()).thenReturn(name);
        when(attachment.getSize()).thenReturn(bytes.length);
        try {
            when(attachment.asInputStream()).thenAnswer(call -> new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return attachment;
    }

    static MessageAuthor author(User user, boolean yourself) {
        MessageAuthor author = mock(MessageAuthor.class);
        when(author.asUser()).thenReturn(Optional.ofNullable(user));
        when(author.isYourself()).thenReturn(yourself);
        when(author.isUser()).thenReturn(true);
        return author;
    }

    @Override
    public void close() {
        testBot.close();
    }
}
