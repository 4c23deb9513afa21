package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.Interaction;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import dev.kontextbot.core.chat.ReplyTarget;
import dev.kontextbot.core.testing.TestPictures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.junit.jupiter.api.Test;

/** Late replies: throttled progress, results in place, the size fallback and the expired-token fallback. */
class DiscordDeliveryTest {

    private static final String TOKEN = "token-1";
    private static final List<ReplyAction> ACTIONS = List.of(new ReplyAction(ActionKind.UNDO, "u.v2"),
            new ReplyAction(ActionKind.REDO, "r.v2"), new ReplyAction(ActionKind.RETRY, "t.v2"),
            new ReplyAction(ActionKind.USE_AS_REFERENCE, "f.v2"), new ReplyAction(ActionKind.FULL_SIZE, "o.v2"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final SentLog log = new SentLog();
    private final JavacordMocks mocks = new JavacordMocks(log);
    private final RecordingPoster poster = new RecordingPoster(log);
    private final TextChannel channel = JavacordMocks.channel(JavacordMocks.CHANNEL);
    private final LiveInteractions interactions = new LiveInteractions(clock);
    private final InteractionReplies interactionReplies = new InteractionReplies(new InteractionMessages(
            mocks.originals()));

    private DiscordDelivery delivery(long limitBytes) {
        return new DiscordDelivery(interactions, interactionReplies, new ChannelReplies(poster),
                new ReplyRenderer(new AttachmentEncoder(limitBytes), true),
                new ProgressThrottle(clock, ProgressThrottle.DISCORD_INTERVAL),
                id -> id == JavacordMocks.CHANNEL ? Optional.of(channel) : Optional.empty(), new Incidents());
    }

    /** A deferred slash command whose turn queued a job: its original response shows "Queued". */
    private LiveInteractions.Live deferredWithQueuedJob() {
        SlashCommandInteraction interaction = mocks.interaction(SlashCommandInteraction.class, TOKEN,
                Optional.of(JavacordMocks.server(JavacordMocks.GUILD)), Optional.of(channel),
                mocks.user(JavacordMocks.USER, "alice"));
        LiveInteractions.Live live = interactions.register(interaction, interactions.expiryFromNow());
        interactionReplies.send(live, Outgoing.text("⏳ Queued"), ReplyRole.STATUS, Optional.of("job-1"));
        return live;
    }

    private ReplyTarget target(Optional<String> replyTo) {
        return new ReplyTarget("discord", Long.toString(JavacordMocks.CHANNEL), Optional.empty(),
                Long.toString(JavacordMocks.USER), replyTo,
                Optional.of(new Interaction(TOKEN, clock.instant().plus(LiveInteractions.TOKEN_LIFETIME))));
    }

    private static Reply.Progress progress(int step) {
        return new Reply.Progress("job-1", step, 28, Duration.ofSeconds(28 - step), Optional.empty());
    }

    private static Reply.Image result(byte[] png) {
        return new Reply.Image("v2", Optional.of("v1"), 2, png, 256, 256, "v2 · make it red · seed 4", ACTIONS,
                false, Optional.of("job-1"));
    }

    @Test
    void progressEditsTheOriginalAtMostEveryOneAndAHalfSecondsThenTheResultReplacesIt() throws Exception {
        deferredWithQueuedJob();
        DiscordDelivery delivery = delivery(DiscordOptions.DEFAULT_ATTACHMENT_LIMIT);
        ReplyTarget target = target(Optional.empty());

        assertThat(delivery.deliver(target, progress(1))).isPresent();
        clock.advance(Duration.ofMillis(500));
        assertThat(delivery.deliver(target, progress(2))).isEmpty();
        clock.advance(Duration.ofMillis(999));
        assertThat(delivery.deliver(target, progress(3))).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(delivery.deliver(target, progress(4))).isPresent();
        clock.advance(Duration.ofMillis(100));
        Optional<String> resultId = delivery.deliver(target, result(TestPictures.noisyPng(64, 64)));

        List<Sent> sent = log.all();
        assertThat(sent).extracting(Sent::where).containsOnly("original:" + TOKEN);
        assertThat(sent).extracting(Sent::content).containsExactly("⏳ Queued",
                "🎨 Working: step 1/28 ▱▱▱▱▱▱▱▱▱▱, about 27 s left",
                "🎨 Working: step 4/28 ▰▱▱▱▱▱▱▱▱▱, about 24 s left", "v2 · make it red · seed 4");
        Sent shown = sent.get(3);
        assertThat(shown.files()).containsExactly("kontext-v2.png");
        assertThat(shown.buttonIds()).containsExactly("u.v2", "r.v2", "t.v2", "f.v2", "o.v2");
        assertThat(resultId).contains(Long.toString(shown.messageId()));
    }

    @Test
    void variationsAreOneMessageWithTheGridAndAPickButtonEach() throws Exception {
        deferredWithQueuedJob();
        byte[] grid = TestPictures.noisyPng(136, 112);
        List<Reply.Variations.Variation> set = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            set.add(new Reply.Variations.Variation(i, "v" + (i + 2), i + 2, TestPictures.noisyPng(64, 48),
                    64, 48, new ReplyAction(ActionKind.PICK, "p.v" + (i + 2), "Pick " + i)));
        }
        Reply.Variations variations = new Reply.Variations(set, grid, 136, 112,
                "4 variations: 1 is v3, 2 is v4, 3 is v5, 4 is v6. Say 'pick 1' to 'pick 4'", false,
                Optional.of("job-1"));

        Optional<String> id = delivery(DiscordOptions.DEFAULT_ATTACHMENT_LIMIT).deliver(target(Optional.empty()),
                variations);

        Sent shown = log.all().getLast();
        assertThat(shown.where()).isEqualTo("original:" + TOKEN);
        assertThat(shown.content()).startsWith("4 variations");
        assertThat(shown.files()).containsExactly("kontext-variations-v3.png");
        assertThat(shown.fileBytes().getFirst()).isEqualTo(grid);
        assertThat(shown.buttonIds()).containsExactly("p.v3", "p.v4", "p.v5", "p.v6");
        assertThat(id).contains(Long.toString(shown.messageId()));
        assertThat(new ReplyRenderer(new AttachmentEncoder(1 << 20), true).render(variations).buttons())
                .extracting(ReplyAction::label).containsExactly("Pick 1", "Pick 2", "Pick 3", "Pick 4");
    }

    @Test
    void progressWithAPreviewAttachesIt() throws Exception {
        deferredWithQueuedJob();
        byte[] preview = TestPictures.noisyPng(16, 16);
        delivery(DiscordOptions.DEFAULT_ATTACHMENT_LIMIT).deliver(target(Optional.empty()),
                new Reply.Progress("job-1", 5, 28, Duration.ofSeconds(10), Optional.of(preview)));
        assertThat(log.all().getLast().files()).containsExactly("preview.png");
    }

    @Test
    void aResultOverTheLimitGoesAsAHighQualityJpeg() throws Exception {
        deferredWithQueuedJob();
        byte[] png = TestPictures.noisyPng(256, 256);
        delivery(png.length / 2).deliver(target(Optional.empty()), result(png));
        Sent shown = log.all().getLast();
        assertThat(shown.files()).containsExactly("kontext-v2.jpg");
        assertThat(shown.fileBytes().getFirst().length).isLessThanOrEqualTo(png.length / 2);
        assertThat(shown.content()).contains("high-quality JPEG");
    }

    @Test
    void afterTheTokenExpiresTheResultIsAChannelReplyThatMentionsTheUser() throws Exception {
        deferredWithQueuedJob();
        DiscordDelivery delivery = delivery(DiscordOptions.DEFAULT_ATTACHMENT_LIMIT);
        clock.advance(Duration.ofMinutes(15));
        ReplyTarget target = target(Optional.of("777"));

        Optional<String> statusId = delivery.deliver(target, progress(20));
        clock.advance(Duration.ofSeconds(2));
        delivery.deliver(target, progress(24));
        Optional<String> resultId = delivery.deliver(target, result(TestPictures.noisyPng(64, 64)));

        List<Sent> channelMessages = log.all().stream().filter(s -> s.where().startsWith("channel")
                && !s.where().startsWith("channel-delete")).toList();
        assertThat(channelMessages).hasSize(3);
        assertThat(channelMessages.get(0).content()).startsWith("🎨 Working: step 20/28");
        assertThat(channelMessages.get(0).mentions()).isEmpty();
        assertThat(channelMessages.get(1).where()).isEqualTo("channel-edit:" + statusId.orElseThrow());
        Sent result = channelMessages.get(2);
        assertThat(result.content()).startsWith("<@" + JavacordMocks.USER + "> v2 · make it red");
        assertThat(result.mentions()).containsExactly(JavacordMocks.USER);
        assertThat(result.replyTo()).contains(777L);
        assertThat(result.files()).containsExactly("kontext-v2.png");
        assertThat(result.buttonIds()).hasSize(5);
        assertThat(resultId).contains(Long.toString(result.messageId()));
        // The status message went: the result says everything.
        assertThat(poster.deleted).containsExactly(Long.parseLong(statusId.orElseThrow()));
        // Progress overtaken by its result (they travel on different threads) does not bring a status back.
        clock.advance(Duration.ofSeconds(2));
        assertThat(delivery.deliver(target, progress(27))).isEmpty();
    }

    @Test
    void aTokenThisProcessDoesNotKnowGoesToTheChannel() throws Exception {
        DiscordDelivery delivery = delivery(DiscordOptions.DEFAULT_ATTACHMENT_LIMIT);
        delivery.deliver(target(Optional.empty()), new Reply.Error("job_failed", "The edit failed.",
                Optional.of("job-1")));
        Sent sent = log.all().getLast();
        assertThat(sent.where()).isEqualTo("channel");
        assertThat(sent.content()).isEqualTo("<@" + JavacordMocks.USER + "> ⚠️ The edit failed.");
    }

    @Test
    void otherPlatformsAndUnknownChannelsAreLeftAlone() {
        DiscordDelivery delivery = delivery(DiscordOptions.DEFAULT_ATTACHMENT_LIMIT);
        assertThat(delivery.deliver(new ReplyTarget("telegram", "1", Optional.empty(), "2", Optional.empty(),
                Optional.empty()), new Reply.Text("hi"))).isEmpty();
        assertThat(delivery.deliver(new ReplyTarget("discord", "12345", Optional.empty(), "2", Optional.empty(),
                Optional.empty()), new Reply.Text("hi"))).isEmpty();
        assertThat(log.all()).isEmpty();
    }

    @Test
    void fullSizeOverTheLimitSaysWhy() {
        deferredWithQueuedJob();
        interactions.find(TOKEN).orElseThrow();
        DiscordDelivery delivery = delivery(100_000);
        delivery.deliver(target(Optional.empty()), new Reply.File("kontext-v2.png", "image/png", new byte[150_000],
                "v2, lossless", Optional.of("v2")));
        Sent sent = log.all().getLast();
        assertThat(sent.files()).isEmpty();
        assertThat(sent.content()).contains("The original is 0.1 MB", "can't send it");
    }
}
