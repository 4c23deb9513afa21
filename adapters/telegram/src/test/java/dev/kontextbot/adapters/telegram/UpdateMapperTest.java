package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

/** Telegram updates to chat events: private chats, groups (addressed or not), commands, files, buttons. */
@Tag("integration")
class UpdateMapperTest {

    private static final long GROUP = Updates.GROUP_CHAT;
    private static final long PRIVATE = Updates.PRIVATE_CHAT;

    private final UpdateMapper mapper = mapper(Set.of(), Set.of(), TelegramOptions.DEFAULT_API_URL);

    static UpdateMapper mapper(Set<Long> allowed, Set<Long> admins, URI apiUrl) {
        TelegramOptions options = new TelegramOptions(FakeBotApi.TOKEN, apiUrl, Optional.empty(), Optional.empty(),
                allowed, admins, 50L * 1024 * 1024);
        Redactor redactor = new Redactor(FakeBotApi.TOKEN);
        OkHttpTelegramClient client = new OkHttpTelegramClient(FakeBotApi.TOKEN, TelegramAdapter.telegramUrl(apiUrl));
        FileDownloader downloader = new FileDownloader(client,
                new BotApiCalls(java.time.Clock.systemUTC(), Sleeper.REAL, redactor), apiUrl, FakeBotApi.TOKEN, redactor);
        return new UpdateMapper(options, new BotIdentity(FakeBotApi.BOT_ID, FakeBotApi.BOT_USERNAME), downloader);
    }

    private Incoming map(ObjectNode message) {
        return mapper.map(Updates.parse(Updates.wrapMessage(message)));
    }

    private ChatEvent event(Incoming incoming) {
        assertThat(incoming).isInstanceOf(Incoming.Message.class);
        return ((Incoming.Message) incoming).event();
    }

    @Test
    void aCaptionedPhotoInPrivateIsAnEventWithTheLargestSize() {
        Incoming incoming = map(Updates.photo(PRIVATE, 10, "F1", 54_321, "make the sky blue"));
        ChatEvent event = event(incoming);
        assertThat(event.text()).isEqualTo("make the sky blue");
        assertThat(event.messageId()).contains("10");
        assertThat(event.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).contains("uF1");
            assertThat(a.sizeBytes()).isEqualTo(54_321);
            assertThat(a.mimeType()).isEqualTo("image/jpeg");
        });
        ChatOrigin origin = event.origin();
        assertThat(origin.platform()).isEqualTo("telegram");
        assertThat(origin.chatId()).isEqualTo("7001");
        assertThat(origin.privateChat()).isTrue();
        assertThat(origin.groupId()).isEmpty();
        assertThat(origin.user().id()).isEqualTo("7001");
        assertThat(origin.user().displayName()).isEqualTo("Alice Liddell");
        assertThat(origin.user().admin()).isFalse();
        assertThat(((Incoming.Message) incoming).destination().replyTo()).contains(10);
    }

    @Test
    void aPhotoAloneHasNoTextAndAnImageDocumentKeepsItsType() {
        assertThat(event(map(Updates.photo(PRIVATE, 10, "F1", 1000, null))).text()).isEmpty();
        ChatEvent document = event(map(Updates.document(PRIVATE, 11, "F2", 3_000_000, "image/png", "scan.png")));
        assertThat(document.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("scan.png");
            assertThat(a.mimeType()).isEqualTo("image/png");
        });
    }

    @Test
    void aDocumentThatIsNoPictureIsRefusedInPlainWords() {
        Incoming incoming = map(Updates.document(PRIVATE, 12, "F3", 1000, "application/pdf", "cv.pdf"));
        assertThat(incoming).isInstanceOfSatisfying(Incoming.Refusal.class,
                r -> assertThat(r.text()).contains("pictures"));
    }

    @Test
    void overTwentyMegabytesOnThePublicApiIsRefusedBeforeAnyDownload() {
        Incoming incoming = map(Updates.document(PRIVATE, 13, "F4", 21L * 1024 * 1024, "image/png", "big.png"));
        assertThat(incoming).isInstanceOfSatisfying(Incoming.Refusal.class, r -> assertThat(r.text())
                .contains("21.0 MB").contains("Telegram lets bots download files of 20 MB at most"));
    }

    @Test
    void aLocalBotApiServerLiftsTheTwentyMegabyteLimit() {
        UpdateMapper local = mapper(Set.of(), Set.of(), URI.create("http://localhost:8081"));
        Incoming big = local.map(Updates.parse(Updates.wrapMessage(
                Updates.document(PRIVATE, 13, "F4", 21L * 1024 * 1024, "image/png", "big.png"))));
        assertThat(big).isInstanceOf(Incoming.Message.class);
        Incoming huge = local.map(Updates.parse(Updates.wrapMessage(
                Updates.document(PRIVATE, 14, "F5", 60L * 1024 * 1024, "image/png", "huge.png"))));
        assertThat(huge).isInstanceOfSatisfying(Incoming.Refusal.class,
                r -> assertThat(r.text()).contains("60.0 MB").contains("50.0 MB"));
    }

    @Test
    void aReplyCarriesTheIdOfTheMessageItAnswers() {
        ChatEvent event = event(map(Updates.replyingToBot(Updates.text(PRIVATE, 20, "add a hat"), 5004)));
        assertThat(event.replyToMessageId()).contains("5004");
        assertThat(event.text()).isEqualTo("add a hat");
    }

    @Test
    void inGroupsOnlyMessagesAddressedToTheBotCount() {
        assertThat(map(Updates.text(GROUP, 30, "nice picture everyone"))).isInstanceOf(Incoming.Ignored.class);
        assertThat(map(Updates.photo(GROUP, 31, "F1", 1000, "my holiday"))).isInstanceOf(Incoming.Ignored.class);

        ChatEvent mention = event(map(Updates.text(GROUP, 32, "@Kontext_Test_Bot make it red")));
        assertThat(mention.text()).isEqualTo("make it red");
        assertThat(mention.origin().privateChat()).isFalse();
        assertThat(mention.origin().groupId()).contains(Long.toString(GROUP));

        assertThat(event(map(Updates.text(GROUP, 33, "/undo"))).text()).isEqualTo("/undo");
        assertThat(event(map(Updates.text(GROUP, 34, "/undo@kontext_test_bot"))).text()).isEqualTo("/undo");
        assertThat(event(map(Updates.text(GROUP, 35, "/style@kontext_test_bot watercolor"))).text())
                .isEqualTo("/style watercolor");
        assertThat(map(Updates.text(GROUP, 36, "/undo@other_bot"))).isInstanceOf(Incoming.Ignored.class);
        assertThat(event(map(Updates.replyingToBot(Updates.text(GROUP, 37, "more contrast"), 5001))).text())
                .isEqualTo("more contrast");
    }

    @Test
    void forumTopicsKeepTheirThread() {
        ObjectNode message = Updates.text(GROUP, 40, "/help");
        message.put("message_thread_id", 77).put("is_topic_message", true);
        Incoming incoming = map(message);
        assertThat(event(incoming).origin().threadId()).contains("77");
        assertThat(((Incoming.Message) incoming).destination().threadId()).contains(77);
    }

    @Test
    void theAllowlistAndTheAdminListComeFromConfiguration() {
        UpdateMapper restricted = mapper(Set.of(GROUP), Set.of(Updates.ALICE), TelegramOptions.DEFAULT_API_URL);
        Incoming allowed = restricted.map(Updates.parse(Updates.wrapMessage(Updates.text(GROUP, 50, "/help"))));
        assertThat(event(allowed).origin().user().admin()).isTrue();
        Incoming elsewhere = restricted.map(Updates.parse(Updates.wrapMessage(Updates.text(PRIVATE, 51, "/help"))));
        assertThat(elsewhere).isInstanceOf(Incoming.Ignored.class);
        Incoming press = restricted.map(Updates.parse(Updates.callback("cb-9", PRIVATE, 5000, "u.v2")));
        assertThat(press).isInstanceOfSatisfying(Incoming.Ignored.class,
                i -> assertThat(i.callbackQueryId()).contains("cb-9"));
    }

    @Test
    void aButtonPressCarriesItsKeyAndTheMessageItSitsUnder() {
        Incoming incoming = mapper.map(Updates.parse(Updates.callback("cb-1", PRIVATE, 5003, "u.1a9d8f4b-1")));
        assertThat(incoming).isInstanceOfSatisfying(Incoming.Button.class, b -> {
            assertThat(b.callbackQueryId()).isEqualTo("cb-1");
            assertThat(b.press().actionKey()).isEqualTo("u.1a9d8f4b-1");
            assertThat(b.press().messageId()).contains("5003");
            assertThat(b.press().origin().user().id()).isEqualTo(Long.toString(Updates.ALICE));
            assertThat(b.destination().replyTo()).contains(5003);
        });
    }

    @Test
    void messagesFromBotsAndEmptyMessagesAreIgnored() {
        ObjectNode fromBot = Updates.text(PRIVATE, 60, "hello");
        fromBot.set("from", FakeBotApi.botUser());
        assertThat(map(fromBot)).isInstanceOf(Incoming.Ignored.class);
        ObjectNode sticker = Updates.message(PRIVATE, 61, Updates.ALICE);
        sticker.putObject("sticker").put("file_id", "S").put("file_unique_id", "s").put("width", 512)
                .put("height", 512).put("is_animated", false).put("is_video", false).put("type", "regular");
        assertThat(map(sticker)).isInstanceOf(Incoming.Ignored.class);
    }
}
