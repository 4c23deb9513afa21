package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.ConversationViews.VersionView;
import dev.kontextbot.core.delivery.VariationGrid;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAttachment;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.MessageReference;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.interaction.MessageContextMenuCommandEvent;
import org.javacord.api.event.interaction.ModalSubmitEvent;
import org.javacord.api.event.message.MessageCreateEvent;
import org.javacord.api.interaction.MessageContextMenuInteraction;
import org.javacord.api.interaction.ModalInteraction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** The context menu and its modal, and conversation without commands (mentions, replies), against the real bot. */
@RedisTest
class ConversationFlowTest {

    private DiscordBotFixture discord;
    private final User self = selfUser();

    @BeforeEach
    void start(UnifiedJedis redis, @TempDir Path dir) {
        discord = new DiscordBotFixture(TestBot.start(redis, dir), DiscordBotFixture.options());
        discord.awaitOriginal(discord.run("settings", Map.of("steps", 4L)));
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    private static User selfUser() {
        User user = mock(User.class);
        when(user.getId()).thenReturn(JavacordMocks.SELF);
        when(user.isYourself()).thenReturn(true);
        return user;
    }

    private List<VersionView> history() throws Exception {
        return discord.testBot.views().history(alice());
    }

    private static ChatOrigin alice() {
        return new ChatOrigin("discord", Long.toString(JavacordMocks.CHANNEL), Optional.empty(),
                new ChatUser(Long.toString(JavacordMocks.USER), "alice", false), false,
                Optional.of(Long.toString(JavacordMocks.GUILD)));
    }

    /** A message as Javacord delivers it in the guild channel. */
    private Message message(long id, String content, List<MessageAttachment> attachments, List<User> mentioned,
                            Optional<Message> repliedTo, Optional<Server> server) {
        Message message = mock(Message.class);
        MessageAuthor author = DiscordBotFixture.author(discord.alice, false);
        when(message.getId()).thenReturn(id);
        when(message.getAuthor()).thenReturn(author);
        when(message.getContent()).thenReturn(content);
        when(message.getAttachments()).thenReturn(attachments);
        when(message.getMentionedUsers()).thenReturn(mentioned);
        when(message.getServer()).thenReturn(server);
        when(message.getChannel()).thenReturn(discord.channel);
        when(message.getReferencedMessage()).thenReturn(repliedTo);
        MessageReference reference = mock(MessageReference.class);
        Optional<Long> repliedId = repliedTo.map(Message::getId);
        when(reference.getMessageId()).thenReturn(repliedId);
        when(message.getMessageReference()).thenReturn(repliedTo.map(r -> reference));
        return message;
    }

    /** One of the bot's results, as Javacord shows it when someone replies to it or opens its context menu. */
    private static Message botMessage(long id) {
        Message message = JavacordMocks.message(id);
        MessageAuthor author = DiscordBotFixture.author(null, true);
        when(message.getAuthor()).thenReturn(author);
        when(message.getAttachments()).thenReturn(List.of());
        return message;
    }

    private void post(Message message) {
        MessageCreateEvent event = mock(MessageCreateEvent.class);
        when(event.getMessage()).thenReturn(message);
        discord.wiring.listeners().onMessageCreate(event);
    }

    private Sent awaitChannelPicture(long replyTo) {
        return discord.log.await(s -> s.where().equals("channel") && s.hasFile()
                && s.replyTo().equals(Optional.of(replyTo)), DiscordBotFixture.WAIT);
    }

    @Test
    void contextMenuOpensTheModalAndTheInstructionEditsFromThatResult() throws Exception {
        Sent result = discord.awaitPicture(discord.run("edit", Map.of("image", DiscordBotFixture.attachment(
                "cat.png", TestPictures.png(96, 64)), "instruction", "make the sky blue")));

        MessageContextMenuInteraction menu = discord.mocks.interaction(MessageContextMenuInteraction.class,
                discord.token(), Optional.of(discord.server), Optional.of(discord.channel), discord.alice);
        Message target = botMessage(result.messageId());
        when(menu.getTarget()).thenReturn(target);
        MessageContextMenuCommandEvent menuEvent = mock(MessageContextMenuCommandEvent.class);
        when(menuEvent.getMessageContextMenuInteraction()).thenReturn(menu);
        discord.wiring.listeners().onMessageContextMenuCommand(menuEvent);
        String customId = "kb-edit:" + result.messageId();
        verify(menu).respondWithModal(eq(customId), eq("Edit with Kontext"), any(HighLevelComponent.class));
        verify(menu, never()).respondLater();

        String token = discord.token();
        ModalInteraction modal = discord.mocks.interaction(ModalInteraction.class, token,
                Optional.of(discord.server), Optional.of(discord.channel), discord.alice);
        when(modal.getCustomId()).thenReturn(customId);
        when(modal.getTextInputValueByCustomId("instruction")).thenReturn(Optional.of("add a red hat"));
        ModalSubmitEvent modalEvent = mock(ModalSubmitEvent.class);
        when(modalEvent.getModalInteraction()).thenReturn(modal);
        discord.wiring.listeners().onModalSubmit(modalEvent);
        verify(modal).respondLater();

        Sent edited = discord.awaitPicture(token);
        assertThat(edited.content()).startsWith("v3 · ").contains("red hat");
        List<VersionView> versions = history();
        VersionView v2 = versions.stream().filter(v -> v.number() == 2).findFirst().orElseThrow();
        VersionView v3 = versions.stream().filter(v -> v.number() == 3).findFirst().orElseThrow();
        assertThat(v3.parentId()).contains(v2.id());

        // On someone's own message, the modal edits the picture that message carries.
        Message photo = message(6161, "look at this", List.of(DiscordBotFixture.attachment(MessageAttachment.class,
                "dog.png", TestPictures.png(64, 64))), List.of(), Optional.empty(), Optional.of(discord.server));
        when(menu.getTarget()).thenReturn(photo);
        discord.wiring.listeners().onMessageContextMenuCommand(menuEvent);
        String photoToken = discord.token();
        ModalInteraction photoModal = discord.mocks.interaction(ModalInteraction.class, photoToken,
                Optional.of(discord.server), Optional.of(discord.channel), discord.alice);
        when(photoModal.getCustomId()).thenReturn("kb-edit:6161");
        when(photoModal.getTextInputValueByCustomId("instruction")).thenReturn(Optional.of("make it a watercolor"));
        ModalSubmitEvent photoEvent = mock(ModalSubmitEvent.class);
        when(photoEvent.getModalInteraction()).thenReturn(photoModal);
        discord.wiring.listeners().onModalSubmit(photoEvent);
        Sent watercolor = discord.awaitPicture(photoToken);
        assertThat(watercolor.content()).contains("watercolor");

        assertThat(history()).filteredOn(v -> v.instructionTyped().contains("watercolor")).singleElement()
                .satisfies(v -> assertThat(v.width()).isEqualTo(v.height()));
    }

    @Test
    void aMentionWithAPictureThenAReplyToTheResultContinueWithoutCommands() throws Exception {
        Message mention = message(4242, "<@" + JavacordMocks.SELF + "> make it snowy",
                List.of(DiscordBotFixture.attachment(MessageAttachment.class, "street.png",
                        TestPictures.png(96, 64))), List.of(self),
                Optional.empty(), Optional.of(discord.server));
        post(mention);

        Sent status = discord.log.await(s -> s.where().equals("channel") && s.content().startsWith("⏳"),
                DiscordBotFixture.WAIT);
        assertThat(status.replyTo()).contains(4242L);
        Sent result = awaitChannelPicture(4242);
        assertThat(result.content()).startsWith("<@" + JavacordMocks.USER + "> v2 · ").contains("snowy");
        assertThat(result.mentions()).containsExactly(JavacordMocks.USER);
        assertThat(result.buttonIds()).isNotEmpty();
        // The status message goes once the result is out (right after it, on the bot's delivery thread).
        discord.log.await(s -> s.where().equals("channel-delete:" + status.messageId()), DiscordBotFixture.WAIT);
        assertThat(history()).extracting(VersionView::instructionTyped).contains("make it snowy");

        // A plain reply to that result, no mention, no command: edits from the version it shows.
        Message reply = message(4343, "now add sunglasses", List.of(), List.of(),
                Optional.of(botMessage(result.messageId())), Optional.of(discord.server));
        post(reply);
        Sent next = awaitChannelPicture(4343);
        assertThat(next.content()).contains("v3 · ").contains("sunglasses");
        List<VersionView> versions = history();
        VersionView v2 = versions.stream().filter(v -> v.number() == 2).findFirst().orElseThrow();
        assertThat(versions.stream().filter(v -> v.number() == 3).findFirst().orElseThrow().parentId())
                .contains(v2.id());
    }

    @Test
    void varyShowsOneGridMessageWithPickButtonsAndAPickMakesThatVariationCurrent() throws Exception {
        post(message(4646, "<@" + JavacordMocks.SELF + "> make it snowy", List.of(DiscordBotFixture.attachment(
                MessageAttachment.class, "street.png", TestPictures.png(96, 64))), List.of(self), Optional.empty(),
                Optional.of(discord.server)));
        awaitChannelPicture(4646);

        post(message(4747, "<@" + JavacordMocks.SELF + "> vary 2", List.of(), List.of(self), Optional.empty(),
                Optional.of(discord.server)));
        Sent grid = awaitChannelPicture(4747);
        // One message: the grid picture (two tiles side by side, each at most 768 px) and a "Pick N" button each.
        assertThat(grid.files()).singleElement().satisfies(f -> assertThat(f).startsWith("kontext-variations"));
        List<VersionView> versions = history();
        VersionView third = versions.stream().filter(v -> v.number() == 3).findFirst().orElseThrow();
        String v3 = third.id();
        String v4 = versions.stream().filter(v -> v.number() == 4).findFirst().orElseThrow().id();
        double scale = Math.min(1.0, (double) VariationGrid.TILE_MAX_SIDE / Math.max(third.width(), third.height()));
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(grid.fileBytes().getFirst()));
        assertThat(picture.getWidth()).isEqualTo(2 * (int) Math.round(third.width() * scale) + 3 * VariationGrid.GAP);
        assertThat(picture.getHeight()).isEqualTo((int) Math.round(third.height() * scale) + 2 * VariationGrid.GAP);
        assertThat(grid.content()).contains("2 variations").contains("'pick 2'");
        assertThat(grid.buttonIds()).containsExactly("p." + v3, "p." + v4);
        assertThat(discord.log.all()).filteredOn(s -> s.replyTo().equals(Optional.of(4747L)) && s.hasFile())
                .hasSize(1);

        // "Pick 1": v3 becomes current; v4 stays as its sibling.
        String token = discord.press(grid.buttonIds().getFirst(), grid.messageId());
        Sent picked = discord.awaitPicture(token);
        assertThat(picked.content()).startsWith("v3 · ");
        List<VersionView> after = history();
        assertThat(after).hasSize(4);
        assertThat(after).filteredOn(VersionView::current).extracting(VersionView::number).containsExactly(3);
        assertThat(after).filteredOn(v -> v.number() >= 3).extracting(VersionView::parentId).containsOnly(
                after.stream().filter(v -> v.number() == 3).findFirst().orElseThrow().parentId());
    }

    @Test
    void aMentionSayingOnlyTheTopLeftQuarterKeepsEveryStoredPixelOutsideIt() throws Exception {
        post(message(4545, "<@" + JavacordMocks.SELF + "> only the top-left quarter: make it snowy",
                List.of(DiscordBotFixture.attachment(MessageAttachment.class, "street.png", TestPictures.png(96, 64))),
                List.of(self), Optional.empty(), Optional.of(discord.server)));
        Sent result = awaitChannelPicture(4545);
        assertThat(result.content()).contains("v2 · ").contains("snowy").doesNotContain("quarter");

        List<VersionView> versions = history();
        java.awt.image.BufferedImage before = stored(versions.stream().filter(v -> v.number() == 1).findFirst()
                .orElseThrow().id());
        java.awt.image.BufferedImage after = stored(versions.stream().filter(v -> v.number() == 2).findFirst()
                .orElseThrow().id());
        assertThat(after.getWidth()).isEqualTo(96);
        assertThat(after.getHeight()).isEqualTo(64);
        int changedInside = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                boolean same = (before.getRGB(x, y) & 0xFFFFFF) == (after.getRGB(x, y) & 0xFFFFFF);
                if (x >= 48 || y >= 32) {
                    assertThat(same).as("pixel %d,%d outside the quarter", x, y).isTrue();
                } else if (!same) {
                    changedInside++;
                }
            }
        }
        assertThat(changedInside).isGreaterThan(48 * 32 / 2);
    }

    private java.awt.image.BufferedImage stored(String versionId) throws Exception {
        byte[] png = discord.testBot.views().image(alice(), versionId, false).orElseThrow();
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    }

    @Test
    void directMessagesNeedNoMentionAndOtherGuildMessagesAreNotTheBotsBusiness() {
        Message chatter = message(5151, "lunch anyone?", List.of(), List.of(), Optional.empty(),
                Optional.of(discord.server));
        post(chatter);
        verify(chatter, never()).getContent();

        Message direct = message(5252, "help", List.of(), List.of(), Optional.empty(), Optional.empty());
        post(direct);
        Sent help = discord.log.await(s -> s.where().equals("channel") && s.replyTo().equals(Optional.of(5252L)),
                DiscordBotFixture.WAIT);
        assertThat(help.content()).contains("Send a picture and say what to change");
        assertThat(discord.log.all()).noneMatch(s -> s.replyTo().equals(Optional.of(5151L)));
    }
}
