package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The adapter end to end in long-polling mode: the fake Bot API server on one side, the real bot (real Redis, the
 * stand-in model, the rule-based agent, an in-process worker) on the other.
 */
@RedisTest
class TelegramAdapterTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    private static final long CHAT = Updates.PRIVATE_CHAT;

    private FakeBotApi api;
    private TestBot testBot;
    private TelegramAdapter adapter;
    private int nextUserMessage = 10;

    @BeforeEach
    void start(UnifiedJedis redis, @TempDir Path dir) throws Exception {
        api = new FakeBotApi();
        testBot = TestBot.start(redis, dir);
        adapter = new TelegramAdapter(options(api.url()), testBot.bot(), java.time.Clock.systemUTC(), Sleeper.REAL,
                Duration.ofMillis(300));
        adapter.start();
    }

    @AfterEach
    void stop() {
        adapter.stop();
        testBot.close();
        api.close();
    }

    static TelegramOptions options(URI apiUrl) {
        return new TelegramOptions(FakeBotApi.TOKEN, apiUrl, Optional.empty(), Optional.empty(), Set.of(), Set.of(),
                TelegramOptions.PUBLIC_DOWNLOAD_LIMIT);
    }

    @Test
    void startRegistersTheCommandsAndLeavesNoWebhook() {
        FakeBotApi.Call commands = api.await("setMyCommands", WAIT);
        List<String> names = new ArrayList<>();
        commands.json("commands").forEach(c -> names.add(c.get("command").asText()));
        assertThat(names).containsExactly("start", "help", "new", "undo", "redo", "history", "ref", "style",
                "settings", "cancel", "region", "reanchor", "replay",
                "forget");
        commands.json("commands").forEach(c -> assertThat(c.get("description").asText().length()).isBetween(3, 256));
        FakeBotApi.Call cleared = api.await("deleteWebhook", WAIT); // long polling clears any webhook left over
        assertThat(api.await("getUpdates", WAIT).seq()).isGreaterThan(cleared.seq());
    }

    @Test
    void aCaptionedPhotoBecomesAChatActionThenAPhotoWithAKeyboardInReply() {
        byte[] jpeg = TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg");
        int userMessage = sendPhoto(jpeg, "make the sky blue");

        FakeBotApi.Call photo = awaitPhotoCaptioned("v2");
        FakeBotApi.Call action = api.await("sendChatAction", WAIT);
        assertThat(action.seq()).isLessThan(photo.seq());
        assertThat(action.param("action")).isEqualTo("upload_photo");
        assertThat(action.param("chat_id")).isEqualTo(Long.toString(CHAT));

        assertThat(photo.param("chat_id")).isEqualTo(Long.toString(CHAT));
        assertThat(photo.json("reply_parameters").get("message_id").asInt()).isEqualTo(userMessage);
        assertThat(photo.file("photo")).startsWith(0x89, 'P', 'N', 'G');
        assertThat(photo.param("caption")).containsIgnoringCase("make the sky blue").contains("seed");
        List<String> labels = new ArrayList<>();
        for (JsonNode row : photo.json("reply_markup").get("inline_keyboard")) {
            for (JsonNode button : row) {
                labels.add(button.get("text").asText());
                assertThat(button.get("callback_data").asText().getBytes(StandardCharsets.UTF_8).length)
                        .isBetween(1, 64);
            }
        }
        assertThat(labels).contains("Undo", "Retry", "Use as reference", "Full size");

        // The photo came through getFile and the file URL built on the configured server, not api.telegram.org.
        assertThat(api.calls("getFile")).isNotEmpty();
        assertThat(api.downloads()).anySatisfy(d -> assertThat(d).isEqualTo(jpeg));
        // One silent status message for the job, removed when the result arrived.
        FakeBotApi.Call status = api.await("sendMessage", c -> c.param("text").startsWith("Queued"), WAIT);
        assertThat(status.param("disable_notification")).isEqualTo("true");
        api.await("deleteMessage", WAIT);
    }

    @Test
    void aReplyToAnOldPhotoEditsFromThatVersion() {
        sendPhoto(TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg"), "make it warmer");
        int v2Message = messageId(awaitPhotoCaptioned("v2"));
        sendText("make it colder");
        awaitPhotoCaptioned("v3");

        queue(Updates.replyingToBot(Updates.text(CHAT, nextUserMessage++, "add a red hat"), v2Message));
        FakeBotApi.Call v4 = awaitPhotoCaptioned("v4");
        assertThat(v4.param("caption")).contains("red hat");

        List<ConversationViews.VersionView> history = history();
        ConversationViews.VersionView second = version(history, 2);
        assertThat(version(history, 4).parentId()).contains(second.id());
        assertThat(version(history, 3).parentId()).contains(second.id());
    }

    @Test
    void aButtonPressIsAnsweredAndActs() {
        sendPhoto(TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg"), "make it warmer");
        FakeBotApi.Call v2 = awaitPhotoCaptioned("v2");

        queue(Updates.callback("cb-1", CHAT, messageId(v2), button(v2, "Undo")));
        FakeBotApi.Call answered = api.await("answerCallbackQuery", c -> "cb-1".equals(c.param("callback_query_id")),
                WAIT);
        FakeBotApi.Call undone = api.await("sendPhoto", c -> c.seq() > v2.seq(), WAIT);
        assertThat(answered.seq()).isLessThan(undone.seq());
        assertThat(undone.param("caption")).startsWith("v1");
        assertThat(undone.json("reply_parameters").get("message_id").asInt()).isEqualTo(messageId(v2));
    }

    @Test
    void varyComesAsOneAlbumThenPickButtonsAndAPickMakesThatVariationCurrent() {
        sendPhoto(TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg"), "make it warmer");
        awaitPhotoCaptioned("v2");

        sendText("vary 2");
        FakeBotApi.Call album = api.await("sendMediaGroup", WAIT);
        assertThat(album.album()).hasSize(2).allSatisfy(png -> assertThat(png).startsWith(0x89, 'P', 'N', 'G'));
        assertThat(album.json("media").get(0).get("caption").asText()).contains("2 variations");
        FakeBotApi.Call picks = api.await("sendMessage", c -> c.param("text").startsWith("Which one do you keep?"),
                WAIT);
        assertThat(picks.param("text")).contains("1 is v3, 2 is v4");
        // Nothing else showed the variations one by one.
        assertThat(api.calls("sendPhoto")).noneMatch(c -> c.param("caption").startsWith("v3")
                || c.param("caption").startsWith("v4"));

        queue(Updates.callback("cb-pick", CHAT, messageId(picks), button(picks, "Pick 1")));
        api.await("answerCallbackQuery", c -> "cb-pick".equals(c.param("callback_query_id")), WAIT);
        awaitPhotoCaptioned("v3");
        List<ConversationViews.VersionView> history = history();
        assertThat(history).hasSize(4);
        assertThat(version(history, 3).current()).isTrue();
        assertThat(version(history, 4).parentId()).isEqualTo(version(history, 3).parentId());
    }

    @Test
    void undoAnswersWithTheNowCurrentPicture() {
        sendPhoto(TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg"), "make it warmer");
        FakeBotApi.Call v2 = awaitPhotoCaptioned("v2");

        sendText("/undo@" + FakeBotApi.BOT_USERNAME);
        FakeBotApi.Call current = api.await("sendPhoto", c -> c.seq() > v2.seq(), WAIT);
        assertThat(current.param("caption")).startsWith("v1");
        assertThat(history().stream().filter(ConversationViews.VersionView::current).map(v -> v.number()))
                .containsExactly(1);
    }

    @Test
    void theOriginalButtonSendsTheLosslessPngAsADocument() {
        sendPhoto(TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg"), "make it warmer");
        FakeBotApi.Call v2 = awaitPhotoCaptioned("v2");
        queue(Updates.callback("cb-2", CHAT, messageId(v2), button(v2, "Full size")));
        FakeBotApi.Call document = api.await("sendDocument", WAIT);
        assertThat(document.file("document")).startsWith(0x89, 'P', 'N', 'G');
        assertThat(api.calls("answerCallbackQuery")).extracting(c -> c.param("callback_query_id")).contains("cb-2");
    }

    @Test
    void aFileOverTwentyMegabytesIsRefusedInPlainWords() {
        String fileId = api.storeHugeFile(25L * 1024 * 1024);
        queue(Updates.document(CHAT, nextUserMessage++, fileId, 25L * 1024 * 1024, "image/png", "huge.png"));
        FakeBotApi.Call refusal = api.await("sendMessage", WAIT);
        assertThat(refusal.param("text")).contains("25.0 MB").contains("20.0 MB").doesNotContain("Exception");
        assertThat(api.calls("getFile")).isEmpty();
    }

    @Test
    void aPhotoAloneIsKeptAndTheNextTextAppliesToIt() {
        sendPhoto(TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg"), null);
        FakeBotApi.Call question = api.await("sendMessage", WAIT);
        assertThat(question.param("text")).isNotBlank();
        assertThat(api.calls("sendMessage")).noneMatch(c -> c.param("text").startsWith("Queued"));
        sendText("make it snowy");
        FakeBotApi.Call result = awaitPhotoCaptioned("v2");
        assertThat(result.param("caption")).contains("snowy");
        assertThat(version(history(), 2).parentId()).contains(version(history(), 1).id());
    }

    @Test
    void onlyTheTopLeftQuarterInWordsChangesThatQuarterAndKeepsEveryOtherPixel() throws Exception {
        sendPhoto(TestPictures.encode(TestPictures.gradient(640, 480, 0x60), "jpeg"), null);
        api.await("sendMessage", WAIT);
        sendText("only the top-left quarter: make the sky red");
        FakeBotApi.Call result = awaitPhotoCaptioned("v2");
        assertThat(result.param("caption")).contains("Make the sky red");

        java.awt.image.BufferedImage before = stored(version(history(), 1).id());
        java.awt.image.BufferedImage after = stored(version(history(), 2).id());
        assertThat(after.getWidth()).isEqualTo(640);
        assertThat(after.getHeight()).isEqualTo(480);
        int changedInside = 0;
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                boolean same = (before.getRGB(x, y) & 0xFFFFFF) == (after.getRGB(x, y) & 0xFFFFFF);
                if (x >= 320 || y >= 240) {
                    assertThat(same).as("pixel %d,%d outside the quarter", x, y).isTrue();
                } else if (!same) {
                    changedInside++;
                }
            }
        }
        assertThat(changedInside).isGreaterThan(320 * 240 / 2);
    }

    /** A version's stored (lossless) picture, as the Original button sends it. */
    private java.awt.image.BufferedImage stored(String versionId) throws Exception {
        byte[] png = testBot.views().image(alice(), versionId, false).orElseThrow();
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    }

    @Test
    void anAlbumEditsItsFirstPictureWithTheOthersAsReferencesAndTheBotSaysWhichIsWhich() {
        String caption = "put the person from the first picture on the beach of the second";
        for (int i = 0; i < 3; i++) {
            byte[] jpeg = TestPictures.encode(TestPictures.gradient(320 + 40 * i, 240, 0x60), "jpeg");
            com.fasterxml.jackson.databind.node.ObjectNode part = Updates.photo(CHAT, nextUserMessage++,
                    api.storeFile(jpeg), jpeg.length, i == 0 ? caption : null);
            part.put("media_group_id", "album-1");
            queue(part);
        }
        FakeBotApi.Call said = api.await("sendMessage", c -> c.param("text").startsWith("Picture 1"), WAIT);
        assertThat(said.param("text")).startsWith("Picture 1 is edited; 2 and 3 are references.");
        FakeBotApi.Call result = awaitPhotoCaptioned("v2");
        assertThat(result.param("caption")).containsIgnoringCase("beach");
        assertThat(api.downloads()).hasSize(3);
    }

    @Test
    void inAGroupOnlyMessagesForTheBotAreAnswered() {
        queue(Updates.text(Updates.GROUP_CHAT, nextUserMessage++, "/help@other_bot"));
        queue(Updates.text(Updates.GROUP_CHAT, nextUserMessage++, "what a nice day"));
        int addressed = nextUserMessage++;
        queue(Updates.text(Updates.GROUP_CHAT, addressed, "@" + FakeBotApi.BOT_USERNAME + " /help"));
        FakeBotApi.Call help = api.await("sendMessage", WAIT);
        assertThat(help.json("reply_parameters").get("message_id").asInt()).isEqualTo(addressed);
        assertThat(api.calls("sendMessage")).hasSize(1);
        assertThat(api.calls("sendChatAction")).hasSize(1);
    }

    @Test
    void aStoppedAdapterStartsAgainAndAnswersOnce() throws Exception {
        adapter.stop();
        adapter.start();
        sendText("/help");
        FakeBotApi.Call help = api.await("sendMessage", WAIT);
        assertThat(help.param("text")).isNotBlank();
        assertThat(api.calls("getMe")).hasSize(2);
        Thread.sleep(500); // a second poller would answer within its first poll
        assertThat(api.calls("sendMessage")).hasSize(1);
    }

    private int sendPhoto(byte[] jpeg, String caption) {
        String fileId = api.storeFile(jpeg);
        int id = nextUserMessage++;
        queue(Updates.photo(CHAT, id, fileId, jpeg.length, caption));
        return id;
    }

    private void sendText(String text) {
        queue(Updates.text(CHAT, nextUserMessage++, text));
    }

    private void queue(com.fasterxml.jackson.databind.node.ObjectNode messageOrUpdate) {
        api.queueUpdate(messageOrUpdate.has("callback_query") ? messageOrUpdate : Updates.wrapMessage(messageOrUpdate));
    }

    private FakeBotApi.Call awaitPhotoCaptioned(String version) {
        return api.await("sendPhoto", c -> c.param("caption") != null && c.param("caption").startsWith(version + " "),
                WAIT);
    }

    /** The message id the fake server gave a sent message: it numbers them in call order from 5000. */
    private int messageId(FakeBotApi.Call sent) {
        return sent.messageId();
    }

    private static String button(FakeBotApi.Call photo, String label) {
        for (JsonNode row : photo.json("reply_markup").get("inline_keyboard")) {
            for (JsonNode button : row) {
                if (button.get("text").asText().equals(label)) {
                    return button.get("callback_data").asText();
                }
            }
        }
        throw new AssertionError("no " + label + " button on " + photo.params());
    }

    /** Alice's private chat with the bot. */
    private static ChatOrigin alice() {
        return ChatOrigin.privateChat(TelegramAdapter.PLATFORM, Long.toString(CHAT),
                new ChatUser(Long.toString(Updates.ALICE), "Alice Liddell", false));
    }

    private List<ConversationViews.VersionView> history() {
        try {
            return testBot.views().history(alice());
        } catch (ConversationViews.ConversationViewException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static ConversationViews.VersionView version(List<ConversationViews.VersionView> history, int number) {
        return history.stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow(() -> new AssertionError("no v" + number + " in " + history));
    }
}
