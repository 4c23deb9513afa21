package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.MutableClock;
import java.time.Instant;
import java.util.Optional;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which message each reply of an interaction lands on. */
@Tag("integration")
class InteractionRepliesTest {

    private final SentLog log = new SentLog();
    private final JavacordMocks mocks = new JavacordMocks(log);
    private final InteractionReplies replies = new InteractionReplies(new InteractionMessages(mocks.originals()));
    private final LiveInteractions.Live live = new LiveInteractions(new MutableClock(Instant.EPOCH)).register(
            mocks.interaction(SlashCommandInteraction.class, "t", Optional.empty(),
                    Optional.of(JavacordMocks.channel(JavacordMocks.CHANNEL)), mocks.user(1, "a")),
            Instant.EPOCH.plus(LiveInteractions.TOKEN_LIFETIME));

    private static final Optional<String> JOB = Optional.of("job-1");
    private static final Optional<String> JOB_2 = Optional.of("job-2");

    private static Outgoing picture(String caption) {
        return new Outgoing(caption, Optional.of(new Outgoing.File(new byte[] {1}, "v.png", caption)),
                java.util.List.of(), false);
    }

    @Test
    void queuedProgressAndResultShareTheOriginalResponse() {
        replies.send(live, Outgoing.text("⏳ Queued"), ReplyRole.STATUS, JOB);
        replies.send(live, Outgoing.text("🎨 step 1"), ReplyRole.STATUS, JOB);
        replies.send(live, picture("v2"), ReplyRole.RESULT, JOB);
        replies.send(live, Outgoing.text("by the way"), ReplyRole.OTHER, JOB);
        assertThat(log.all()).extracting(Sent::where).containsExactly("original:t", "original:t", "original:t",
                "followup:t");
    }

    @Test
    void aNoteFirstLeavesTheOriginalAndTheJobLivesOnAFollowUp() {
        replies.send(live, Outgoing.text("Added a note"), ReplyRole.OTHER, JOB);
        replies.send(live, Outgoing.text("⏳ Queued"), ReplyRole.STATUS, JOB);
        long status = log.all().getLast().messageId();
        replies.send(live, Outgoing.text("🎨 step 1"), ReplyRole.STATUS, JOB);
        replies.send(live, picture("v2"), ReplyRole.RESULT, JOB);
        assertThat(log.all()).extracting(Sent::where).containsExactly("original:t", "followup:t",
                "followup:t-edit:" + status, "followup:t-edit:" + status);
        assertThat(log.all().getLast().files()).containsExactly("v.png");
    }

    @Test
    void aSecondJobAfterAResultGetsAStatusMessageOfItsOwn() {
        replies.send(live, Outgoing.text("⏳ Queued"), ReplyRole.STATUS, JOB);
        replies.send(live, picture("v2"), ReplyRole.RESULT, JOB);
        replies.send(live, Outgoing.text("⏳ Queued again"), ReplyRole.STATUS, JOB_2);
        assertThat(log.all()).extracting(Sent::where).containsExactly("original:t", "original:t", "followup:t");
    }

    @Test
    void progressThatArrivesAfterItsResultIsDropped() {
        replies.send(live, Outgoing.text("⏳ Queued"), ReplyRole.STATUS, JOB);
        replies.send(live, picture("v2"), ReplyRole.RESULT, JOB);
        assertThat(replies.send(live, Outgoing.text("🎨 step 4"), ReplyRole.STATUS, JOB)).isEmpty();
        assertThat(log.all()).hasSize(2);
        assertThat(log.all().getLast().files()).containsExactly("v.png");
    }
}
