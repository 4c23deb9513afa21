package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

/** Rendering against the fake Bot API server, with a hand-moved clock: throttling, flood waits, photo limits. */
@Tag("integration")
class ReplyRendererTest {

    private static final Destination PRIVATE = new Destination("7001", Optional.empty(), Optional.of(10));
    private static final Destination GROUP = new Destination("-100123", Optional.of(77), Optional.of(11));

    private FakeBotApi api;
    private ManualClock clock;
    private ReplyRenderer renderer;

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi();
        clock = new ManualClock();
        OkHttpTelegramClient client = new OkHttpTelegramClient(FakeBotApi.TOKEN, TelegramAdapter.telegramUrl(api.url()));
        renderer = new ReplyRenderer(client, new BotApiCalls(clock, clock, new Redactor(FakeBotApi.TOKEN)),
                new JobStatuses(), clock);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aQuestionCarriesItsYesAndNoAsAnInlineKeyboard() {
        renderer.render(PRIVATE, new Reply.Text("Edit the picture: 'a red car'?",
                List.of(new ReplyAction(ActionKind.CONFIRM, "y.answer"), new ReplyAction(ActionKind.DECLINE, "n.answer"))));
        renderer.render(PRIVATE, new Reply.Text("Nice picture! What should I change?"));

        List<FakeBotApi.Call> sent = api.calls("sendMessage");
        JsonNode row = sent.get(0).json("reply_markup").get("inline_keyboard").get(0);
        assertThat(row.get(0).get("text").asText()).isEqualTo("Yes");
        assertThat(row.get(0).get("callback_data").asText()).isEqualTo("y.answer");
        assertThat(row.get(1).get("callback_data").asText()).isEqualTo("n.answer");
        assertThat(sent.get(1).param("reply_markup")).isNull();
    }

    private static Reply.Variations variations(int n, int width, int height) {
        List<Reply.Variations.Variation> set = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', (byte) i};
            set.add(new Reply.Variations.Variation(i, "v" + (i + 2), i + 2, png, width, height,
                    new ReplyAction(ActionKind.PICK, "p.v" + (i + 2), "Pick " + i)));
        }
        return new Reply.Variations(set, new byte[] {1}, 10, 10, n + " variations; say 'pick 1' to 'pick " + n + "'",
                false, Optional.of("job-9"));
    }

    @Test
    void variationsAreAnAlbumWithTheCaptionOnTheFirstThenOneMessageWithAPickButtonEach() {
        Optional<String> shown = renderer.render(PRIVATE, variations(3, 640, 480));

        FakeBotApi.Call album = api.calls("sendMediaGroup").getFirst();
        assertThat(album.album()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(album.album().get(i)).containsExactly(0x89, 'P', 'N', 'G', i + 1);
            assertThat(album.json("media").get(i).get("type").asText()).isEqualTo("photo");
        }
        assertThat(album.json("media").get(0).get("caption").asText()).isEqualTo("3 variations; say 'pick 1' to 'pick 3'");
        assertThat(album.json("media").get(1).has("caption")).isFalse();
        assertThat(album.json("reply_parameters").get("message_id").asInt()).isEqualTo(10);
        assertThat(shown).contains(Integer.toString(album.messageId()));

        FakeBotApi.Call picks = api.calls("sendMessage").getFirst();
        assertThat(picks.seq()).isGreaterThan(album.seq());
        assertThat(picks.param("text")).isEqualTo("Which one do you keep? 1 is v3, 2 is v4, 3 is v5.");
        List<String> labels = new java.util.ArrayList<>();
        List<String> keys = new java.util.ArrayList<>();
        picks.json("reply_markup").get("inline_keyboard").forEach(row -> row.forEach(b -> {
            labels.add(b.get("text").asText());
            keys.add(b.get("callback_data").asText());
        }));
        assertThat(labels).containsExactly("Pick 1", "Pick 2", "Pick 3");
        assertThat(keys).containsExactly("p.v3", "p.v4", "p.v5");
    }

    @Test
    void variationsTelegramWouldRefuseAsPhotosGoAsAnAlbumOfDocumentsInTheirTopic() {
        renderer.render(GROUP, variations(2, 20_000, 100));

        FakeBotApi.Call album = api.calls("sendMediaGroup").getFirst();
        assertThat(album.album()).hasSize(2);
        assertThat(album.json("media")).allSatisfy(item -> assertThat(item.get("type").asText()).isEqualTo("document"));
        assertThat(album.param("message_thread_id")).isEqualTo("77");
        assertThat(api.calls("sendMessage").getFirst().param("message_thread_id")).isEqualTo("77");
    }

    @Test
    void anAlbumHeldBackByAFloodLimitIsSentAgainWhole() {
        api.floodNext("sendMediaGroup", 1, 1);
        renderer.render(PRIVATE, variations(4, 640, 480));

        List<FakeBotApi.Call> tries = api.calls("sendMediaGroup");
        assertThat(tries).hasSize(2);
        assertThat(tries.get(1).album()).hasSize(4).allSatisfy(png -> assertThat(png).hasSize(5));
    }

    @Test
    void theStatusMessageIsSilentAndEditedAtMostEveryOneAndAHalfSecondsInPrivate() {
        Optional<String> status = renderer.render(PRIVATE, new Reply.Queued("job-1", 2, Duration.ofSeconds(40)));
        FakeBotApi.Call sent = api.calls("sendMessage").getFirst();
        assertThat(sent.param("text")).isEqualTo("Queued: 2 jobs ahead, about 40 s.");
        assertThat(sent.param("disable_notification")).isEqualTo("true");
        assertThat(status).contains(Integer.toString(sent.messageId()));

        progressAfter(Duration.ofMillis(500), PRIVATE, 1);
        assertThat(api.calls("editMessageText")).isEmpty();
        progressAfter(Duration.ofMillis(1100), PRIVATE, 2); // 1.6 s after the status message
        progressAfter(Duration.ofMillis(400), PRIVATE, 3);
        progressAfter(Duration.ofMillis(1200), PRIVATE, 4); // 1.6 s after the first edit
        List<FakeBotApi.Call> edits = api.calls("editMessageText");
        assertThat(edits).extracting(c -> c.param("text").substring(0, 18))
                .containsExactly("Working: step 2/28", "Working: step 4/28");
        assertThat(edits).allSatisfy(e -> assertThat(e.param("message_id")).isEqualTo(status.orElseThrow()));
        assertThat(api.calls("sendMessage")).hasSize(1);
    }

    @Test
    void groupsAreEditedAtMostEveryThreeSecondsInTheirTopic() {
        renderer.render(GROUP, new Reply.Queued("job-1", 0, Duration.ZERO));
        assertThat(api.calls("sendMessage").getFirst().param("message_thread_id")).isEqualTo("77");
        progressAfter(Duration.ofMillis(1600), GROUP, 1);
        progressAfter(Duration.ofMillis(1000), GROUP, 2);
        assertThat(api.calls("editMessageText")).isEmpty();
        progressAfter(Duration.ofMillis(500), GROUP, 3); // 3.1 s
        assertThat(api.calls("editMessageText")).hasSize(1);
    }

    @Test
    void aChatActionRunsAboutEveryFourSecondsWhileTheJobRuns() {
        renderer.render(PRIVATE, new Reply.Queued("job-1", 0, Duration.ZERO));
        for (int step = 1; step <= 10; step++) {
            progressAfter(Duration.ofSeconds(1), PRIVATE, step);
        }
        List<FakeBotApi.Call> actions = api.calls("sendChatAction");
        assertThat(actions).hasSize(3); // at 1 s, 5 s and 9 s
        assertThat(actions).allSatisfy(a -> assertThat(a.param("action")).isEqualTo("upload_photo"));
    }

    @Test
    void aSlowStepStillRenewsTheChatActionUntilTheJobLooksLost() {
        renderer.render(GROUP, new Reply.Queued("job-1", 1, Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(10));
        renderer.renewChatActions();
        assertThat(api.calls("sendChatAction")).isEmpty(); // queued, not running yet

        progressAfter(Duration.ofSeconds(1), GROUP, 1);
        assertThat(api.calls("sendChatAction")).hasSize(1);
        clock.advance(Duration.ofSeconds(3));
        renderer.renewChatActions();
        assertThat(api.calls("sendChatAction")).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        renderer.renewChatActions();
        assertThat(api.calls("sendChatAction")).hasSize(2);
        assertThat(api.calls("sendChatAction").get(1).param("message_thread_id")).isEqualTo("77");

        clock.advance(ReplyRenderer.STALE_AFTER);
        renderer.renewChatActions();
        assertThat(api.calls("sendChatAction")).hasSize(2);
    }

    @Test
    void aFloodLimitOnAnEditIsWaitedOutThenTheEditIsRetried() {
        renderer.render(PRIVATE, new Reply.Queued("job-1", 0, Duration.ZERO));
        api.floodNext("editMessageText", 1, 3);
        progressAfter(Duration.ofSeconds(2), PRIVATE, 5);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
        List<FakeBotApi.Call> edits = api.calls("editMessageText");
        assertThat(edits).hasSize(2);
        assertThat(edits.get(1).param("text")).isEqualTo(edits.get(0).param("text"));
        assertThat(api.calls("sendMessage")).hasSize(1); // never a new message instead of the edit
    }

    @Test
    void aLongFloodLimitDropsProgressEditsAndTheResultWaitsForIt() {
        renderer.render(PRIVATE, new Reply.Queued("job-1", 0, Duration.ZERO));
        api.floodNext("editMessageText", 1, 30);
        progressAfter(Duration.ofSeconds(2), PRIVATE, 5);
        progressAfter(Duration.ofSeconds(2), PRIVATE, 9);
        progressAfter(Duration.ofSeconds(2), PRIVATE, 14);
        assertThat(api.calls("editMessageText")).hasSize(1); // the one that got the 429; no hammering after it
        assertThat(clock.sleeps()).isEmpty();

        Optional<String> result = renderer.render(PRIVATE, image("job-1", 1024, 1024, 2_000));
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(26)); // the rest of the 30 s asked for at 2 s
        assertThat(result).contains(Integer.toString(api.calls("sendPhoto").getFirst().messageId()));
        assertThat(api.calls("sendMessage")).hasSize(1);
    }

    @Test
    void aFailedEditIsNeverAnsweredWithANewMessage() {
        renderer.render(PRIVATE, new Reply.Queued("job-1", 0, Duration.ZERO));
        api.failAlways("editMessageText", 400);
        progressAfter(Duration.ofSeconds(2), PRIVATE, 5);
        progressAfter(Duration.ofSeconds(2), PRIVATE, 9);
        assertThat(api.calls("editMessageText")).hasSize(2);
        assertThat(api.calls("sendMessage")).hasSize(1);
    }

    @Test
    void aResultIsAPhotoWithItsButtonsInReplyAndClosesTheStatusMessage() {
        Optional<String> status = renderer.render(PRIVATE, new Reply.Queued("job-1", 0, Duration.ZERO));
        Optional<String> shown = renderer.render(PRIVATE, image("job-1", 1024, 768, 5_000));
        FakeBotApi.Call photo = api.calls("sendPhoto").getFirst();
        assertThat(shown).contains(Integer.toString(photo.messageId()));
        assertThat(photo.json("reply_parameters").get("message_id").asInt()).isEqualTo(10);
        assertThat(photo.json("reply_markup").get("inline_keyboard").get(0).get(0).get("callback_data").asText())
                .isEqualTo("u.v2");
        assertThat(photo.file("photo")).hasSize(5_000);
        assertThat(api.calls("deleteMessage")).singleElement()
                .satisfies(d -> assertThat(d.param("message_id")).isEqualTo(status.orElseThrow()));
    }

    @Test
    void progressThatArrivesAfterTheResultOpensNoNewStatusMessage() {
        renderer.render(PRIVATE, new Reply.Queued("job-1", 0, Duration.ZERO));
        renderer.render(PRIVATE, image("job-1", 512, 512, 1_000));
        progressAfter(Duration.ofSeconds(2), PRIVATE, 27);
        assertThat(api.calls("sendMessage")).hasSize(1);
        assertThat(api.calls("editMessageText")).isEmpty();
    }

    @Test
    void picturesTelegramWouldRefuseAsPhotosGoAsDocuments() {
        renderer.render(PRIVATE, image("job-1", 6000, 4500, 1_000));                          // w + h > 10000
        renderer.render(PRIVATE, image("job-2", 1024, 1024, (int) ReplyRenderer.PHOTO_MAX_BYTES + 1)); // > 10 MB
        renderer.render(PRIVATE, image("job-3", 4200, 200, 1_000));                           // ratio > 20
        assertThat(api.calls("sendPhoto")).isEmpty();
        List<FakeBotApi.Call> documents = api.calls("sendDocument");
        assertThat(documents).hasSize(3);
        assertThat(documents).allSatisfy(d -> assertThat(d.json("reply_markup").get("inline_keyboard")).isNotEmpty());
        assertThat(documents.get(1).file("document")).hasSize((int) ReplyRenderer.PHOTO_MAX_BYTES + 1);
    }

    @Test
    void longTextsAreSplitAndLongCaptionsTrimmed() {
        String text = ("word ".repeat(199) + "end\n").repeat(5); // 5,020 characters
        renderer.render(PRIVATE, new Reply.Text(text));
        List<FakeBotApi.Call> parts = api.calls("sendMessage");
        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(p -> assertThat(p.param("text").length()).isLessThanOrEqualTo(4096));
        assertThat(parts.get(0).param("text") + "\n" + parts.get(1).param("text")).isEqualToIgnoringWhitespace(text);
        assertThat(parts.get(0).params()).containsKey("reply_parameters");
        assertThat(parts.get(1).params()).doesNotContainKey("reply_parameters");

        Reply.Image captioned = new Reply.Image("v9", Optional.empty(), 9, new byte[10], 100, 100, "x".repeat(2000),
                List.of(), false, Optional.empty());
        renderer.render(PRIVATE, captioned);
        assertThat(api.calls("sendPhoto").getFirst().param("caption")).hasSize(1024).endsWith("…");
    }

    @Test
    void aFileIsSentAsADocumentAndAnErrorAsPlainText() {
        renderer.render(PRIVATE, new Reply.File("v2.png", "image/png", new byte[] {1, 2, 3}, "Original of v2",
                Optional.of("v2")));
        FakeBotApi.Call document = api.calls("sendDocument").getFirst();
        assertThat(document.file("document")).containsExactly(1, 2, 3);
        assertThat(document.param("caption")).isEqualTo("Original of v2");

        renderer.render(PRIVATE, new Reply.Error("busy", "The queue is full; try again in a minute."));
        assertThat(api.calls("sendMessage").getFirst().param("text")).isEqualTo("The queue is full; try again in a minute.");
    }

    private void progressAfter(Duration wait, Destination to, int step) {
        clock.advance(wait);
        renderer.render(to, new Reply.Progress("job-1", step, 28, Duration.ofSeconds(28 - step), Optional.empty()));
    }

    private static Reply.Image image(String jobId, int width, int height, int bytes) {
        return new Reply.Image("v2", Optional.of("v1"), 2, new byte[bytes], width, height, "v2 · make it red",
                List.of(new ReplyAction(ActionKind.UNDO, "u.v2"), new ReplyAction(ActionKind.RETRY, "t.v2"),
                        new ReplyAction(ActionKind.FULL_SIZE, "o.v2")), false, Optional.of(jobId));
    }
}
