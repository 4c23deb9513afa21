package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.interaction.ButtonClickEvent;
import org.javacord.api.event.interaction.MessageContextMenuCommandEvent;
import org.javacord.api.event.message.MessageCreateEvent;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.MessageContextMenuInteraction;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The guards answer in plain words before anything is deferred, only to the asker: the guild and channel
 * allowlists, channels Javacord cannot handle (issue #1198), and errors (an incident id). The real bot is wired in
 * but never reached.
 */
@RedisTest
class GuardsTest {

    private static final long OTHER_GUILD = 555;
    private static final long ALLOWED_CHANNEL = 201;

    private static TestBot testBot;

    @BeforeAll
    static void startBot(UnifiedJedis redis, @TempDir Path dir) {
        testBot = TestBot.start(redis, dir);
    }

    @AfterAll
    static void stopBot() {
        testBot.close();
    }

    private static DiscordBotFixture discord(Set<Long> guilds, Set<Long> channels) {
        return new DiscordBotFixture(testBot, new DiscordOptions("test-token", Optional.empty(), true, guilds,
                channels, Set.of(), Set.of(), 1, 0, DiscordOptions.DEFAULT_ATTACHMENT_LIMIT, true));
    }

    private static Sent onlyAnswer(DiscordBotFixture discord, String token) {
        List<Sent> sent = discord.log.all();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().where()).isEqualTo("immediate:" + token);
        assertThat(sent.getFirst().ephemeral()).isTrue();
        return sent.getFirst();
    }

    @Test
    void aGuildNotOnTheAllowlistIsToldSoAndNothingIsDeferred() {
        DiscordBotFixture discord = discord(Set.of(JavacordMocks.GUILD), Set.of());
        String token = discord.token();
        SlashCommandInteraction interaction = discord.slash(token, "undo", Map.of(),
                Optional.of(JavacordMocks.server(OTHER_GUILD)), Optional.of(discord.channel));
        discord.fire(interaction);
        assertThat(onlyAnswer(discord, token).content()).contains("not enabled in this server");
        verify(interaction, never()).respondLater();
    }

    @Test
    void aChannelNotOnTheAllowlistNamesTheAllowedOnes() {
        DiscordBotFixture discord = discord(Set.of(), Set.of(ALLOWED_CHANNEL));
        String token = discord.token();
        SlashCommandInteraction interaction = discord.slash(token, "help", Map.of());
        discord.fire(interaction);
        assertThat(onlyAnswer(discord, token).content()).isEqualTo("I don't work in this channel. Try <#201>.");
        verify(interaction, never()).respondLater();
    }

    @Test
    void theContextMenuAndButtonsAreGuardedToo() {
        DiscordBotFixture discord = discord(Set.of(), Set.of(ALLOWED_CHANNEL));
        String menuToken = discord.token();
        MessageContextMenuInteraction menu = discord.mocks.interaction(MessageContextMenuInteraction.class,
                menuToken, Optional.of(discord.server), Optional.of(discord.channel), discord.alice);
        MessageContextMenuCommandEvent menuEvent = mock(MessageContextMenuCommandEvent.class);
        when(menuEvent.getMessageContextMenuInteraction()).thenReturn(menu);
        discord.wiring.listeners().onMessageContextMenuCommand(menuEvent);
        verify(menu, never()).respondWithModal(anyString(), anyString(), any(HighLevelComponent.class));

        String buttonToken = discord.token();
        ButtonInteraction button = discord.mocks.interaction(ButtonInteraction.class, buttonToken,
                Optional.of(discord.server), Optional.of(discord.channel), discord.alice);
        when(button.getCustomId()).thenReturn("u.abc-2");
        ButtonClickEvent buttonEvent = mock(ButtonClickEvent.class);
        when(buttonEvent.getButtonInteraction()).thenReturn(button);
        discord.wiring.listeners().onButtonClick(buttonEvent);
        verify(button, never()).respondLater();

        assertThat(discord.log.all()).extracting(Sent::where)
                .containsExactly("immediate:" + menuToken, "immediate:" + buttonToken);
        assertThat(discord.log.all()).allSatisfy(s -> assertThat(s.ephemeral()).isTrue());
    }

    @Test
    void aMentionInAChannelNotAllowedIsAnsweredInPlainWords() {
        DiscordBotFixture discord = discord(Set.of(), Set.of(ALLOWED_CHANNEL));
        Message message = mock(Message.class);
        MessageAuthor author = DiscordBotFixture.author(discord.alice, false);
        User self = mock(User.class);
        when(self.isYourself()).thenReturn(true);
        when(message.getId()).thenReturn(77L);
        when(message.getAuthor()).thenReturn(author);
        when(message.getServer()).thenReturn(Optional.of(discord.server));
        when(message.getChannel()).thenReturn(discord.channel);
        when(message.getMentionedUsers()).thenReturn(List.of(self));
        when(message.getContent()).thenReturn("<@999> make it blue");
        when(message.getAttachments()).thenReturn(List.of());
        MessageCreateEvent event = mock(MessageCreateEvent.class);
        when(event.getMessage()).thenReturn(message);
        discord.wiring.listeners().onMessageCreate(event);
        Sent refusal = discord.log.await(s -> s.where().equals("channel"), DiscordBotFixture.WAIT);
        assertThat(refusal.content()).isEqualTo("I don't work in this channel. Try <#201>.");
        assertThat(refusal.replyTo()).contains(77L);
    }

    @Test
    void directMessagesAreRefusedWhenAnAllowlistIsSet() {
        DiscordBotFixture discord = discord(Set.of(JavacordMocks.GUILD), Set.of());
        String token = discord.token();
        discord.fire(discord.slash(token, "help", Map.of(), Optional.empty(), Optional.of(discord.channel)));
        assertThat(onlyAnswer(discord, token).content()).contains("not in direct messages");
    }

    @Test
    void aChannelJavacordDoesNotKnowIsAnsweredNotDropped() {
        DiscordBotFixture discord = discord(Set.of(), Set.of());
        String token = discord.token();
        SlashCommandInteraction interaction = discord.slash(token, "help", Map.of(), Optional.of(discord.server),
                Optional.empty());
        discord.fire(interaction);
        assertThat(onlyAnswer(discord, token).content()).isEqualTo(InteractionFlow.UNSUPPORTED_CHANNEL);
        verify(interaction, never()).respondLater();
    }

    @Test
    void anAssertionErrorFromJavacordInsideTheListenerIsAnsweredToo() {
        DiscordBotFixture discord = discord(Set.of(), Set.of());
        String token = discord.token();
        SlashCommandInteraction interaction = discord.slash(token, "help", Map.of());
        when(interaction.getChannel()).thenThrow(new AssertionError("channel type 13 is not cached"));
        discord.fire(interaction);
        assertThat(onlyAnswer(discord, token).content()).isEqualTo(InteractionFlow.UNSUPPORTED_CHANNEL);
    }

    @Test
    void anErrorBecomesAShortMessageWithAnIncidentId() {
        DiscordBotFixture discord = discord(Set.of(), Set.of());
        String token = discord.token();
        // A command Discord still has registered from an older version of the bot.
        discord.fire(discord.slash(token, "dance", Map.of()));
        assertThat(onlyAnswer(discord, token).content())
                .matches("Something went wrong on my side \\(incident [2-9A-HJ-NP-Z]{6}\\)\\..*");
    }

    @Test
    void adminsComeFromTheConfiguredUsersAndRoles() {
        DiscordOptions options = new DiscordOptions("t", Optional.empty(), true, Set.of(), Set.of(), Set.of(1L),
                Set.of(70L), 1, 0, DiscordOptions.DEFAULT_ATTACHMENT_LIMIT, true);
        DiscordOrigins origins = new DiscordOrigins(new AccessPolicy(options));
        JavacordMocks mocks = new JavacordMocks(new SentLog());
        TextChannel channel = JavacordMocks.channel(JavacordMocks.CHANNEL);
        User moderator = mocks.user(2, "mod");
        List<org.javacord.api.entity.permission.Role> roles = List.of(JavacordMocks.role(69), JavacordMocks.role(70));
        when(moderator.getRoles(any())).thenReturn(roles);
        User member = mocks.user(3, "member");
        assertThat(origins.of(mocks.user(1, "owner"), Optional.empty(), channel).user().admin()).isTrue();
        assertThat(origins.of(moderator, Optional.of(JavacordMocks.server(JavacordMocks.GUILD)), channel).user()
                .admin()).isTrue();
        assertThat(origins.of(member, Optional.of(JavacordMocks.server(JavacordMocks.GUILD)), channel).user()
                .admin()).isFalse();
        assertThat(origins.of(member, Optional.of(JavacordMocks.server(JavacordMocks.GUILD)), channel).groupId())
                .contains(Long.toString(JavacordMocks.GUILD));
    }
}
