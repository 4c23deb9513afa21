package dev.kontextbot.core.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.jobs.CancelResult;
import dev.kontextbot.conversation.jobs.JobFailure;
import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.jobs.RejectReason;
import dev.kontextbot.conversation.jobs.SubmitResult;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.ConversationException.Reason;
import dev.kontextbot.conversation.state.Refusal;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The sentences the state's codes and facts become: the same words the conversation module used to write. */
class StateWordsTest {

    private final StateWords words = StateWords.load("en");

    @Test
    void refusalsOfTheConversation() {
        assertThat(words.refusal(new Refusal.NoImageYet()))
                .isEqualTo("There is no image in this conversation yet. Send one to start.");
        assertThat(words.refusal(new Refusal.NothingToUndo())).isEqualTo("Nothing to undo: this is the original image.");
        assertThat(words.refusal(new Refusal.NoPrevious()))
                .isEqualTo("This is already the original; there is no previous version.");
        assertThat(words.refusal(new Refusal.NothingToRedo())).isEqualTo("Nothing to redo.");
        assertThat(words.refusal(new Refusal.VersionGone("0a1b2c3d-4")))
                .isEqualTo("Version 0a1b2c3d-4 is not (or no longer) in this conversation.");
        assertThat(words.refusal(new Refusal.VersionNoLongerStored())).isEqualTo("That version is no longer stored.");
        assertThat(words.refusal(new Refusal.NoSuchVersion("0a1b2c3d-4")))
                .isEqualTo("There is no version 0a1b2c3d-4 in this conversation.");
        assertThat(words.refusal(new Refusal.NoSuchNumber(9, 50)))
                .isEqualTo("There is no v9 here (old side branches are removed after 50 versions).");
        assertThat(words.refusal(new Refusal.NotAVersionId("v-x"))).isEqualTo("\"v-x\" is not a version id.");
        assertThat(words.refusal(new Refusal.OtherConversation("0a1b2c3d-4"))).isEqualTo("Version 0a1b2c3d-4 belongs"
                + " to another conversation. Reply to that image to continue from it here.");
        assertThat(words.refusal(new Refusal.ImageGone()))
                .isEqualTo("That image is no longer stored; please send it again.");
        assertThat(words.refusal(new Refusal.ImageNotHere()))
                .isEqualTo("That image is not stored in this conversation; store it first.");
        assertThat(words.refusal(new Refusal.Forgotten())).isEqualTo(
                "This conversation was forgotten while the picture was being made, so it was not kept.");
        assertThat(words.refusal(new Refusal.ReferenceLimit(3)))
                .isEqualTo("You already have 3 references of that kind; clear one first.");
        assertThat(words.refusal(new Refusal.VersionPruned()))
                .isEqualTo("The version made by this job has already been removed by retention.");
        assertThat(words.refusal(new Refusal.NoVersionNamed()))
                .isEqualTo("Say which version: a number like v3, \"the original\" or \"the previous one\"");
        assertThat(words.refusal(new Refusal.NumberedFromOne())).isEqualTo("Versions are numbered from v1");
        assertThat(words.refusal(new Refusal.Worded(Reason.VERSION_NOT_FOUND, "There is no such version.")))
                .isEqualTo("There is no such version.");
    }

    @Test
    void aFailedTurnAndTooManyWaitingMessages() {
        assertThat(words.turnFailed("3fa9c01e"))
                .isEqualTo("Something went wrong on my side (incident 3fa9c01e). Please try again.");
        assertThat(words.tooManyWaiting(8)).isEqualTo(
                "I am still working through your last 8 messages; please wait for my answers before sending more.");
    }

    @Test
    void fullStorageAndAnUnreachableStore() {
        assertThat(words.quota(new QuotaExceededException(0, 1000))).isEqualTo("Your image storage is full (0.0 of"
                + " 0.0 MB used). Say \"forget\" in an old conversation or wait for old ones to expire, then try again.");
        assertThat(words.quota(QuotaExceededException.total(3 * 1_048_576L / 2, 2 * 1_048_576L))).isEqualTo(
                "The bot's picture storage is full for everyone (1.5 of 2.0 MB used). Old conversations expire on"
                        + " their own; the operator can raise CONVERSATION_TOTAL_MB. Please try again later.");
        assertThat(words.storeUnavailable()).isEqualTo(
                "The bot's storage is temporarily unavailable. Nothing was lost; please try again in a moment.");
    }

    @Test
    void theQueueSaysWhyAndWhenToTryAgain() {
        assertThat(words.rejected(new SubmitResult.Rejected(RejectReason.QUEUE_FULL, Duration.ofSeconds(30), 2, false)))
                .isEqualTo("The queue is full right now. Please try again in 30 seconds.");
        assertThat(words.rejected(new SubmitResult.Rejected(RejectReason.USER_CAP, Duration.ofSeconds(1), 2, false)))
                .isEqualTo("You already have 2 pictures in progress. Please wait for one to finish (about 1 second)"
                        + " or cancel one.");
        assertThat(words.rejected(new SubmitResult.Rejected(RejectReason.RATE_LIMITED, Duration.ofSeconds(10), 2,
                false))).isEqualTo(
                        "You are sending requests faster than I can take them. Please try again in 10 seconds.");
        assertThat(words.rejected(new SubmitResult.Rejected(RejectReason.RATE_LIMITED, Duration.ofSeconds(60), 2,
                true))).isEqualTo(
                        "This group is sending requests faster than I can take them. Please try again in 60 seconds.");
        assertThat(words.rejected(new SubmitResult.Rejected(RejectReason.QUEUE_FULL, Duration.ofSeconds(150), 2,
                false))).isEqualTo("The queue is full right now. Please try again in 3 minutes.");
    }

    @Test
    void cancelResults() {
        assertThat(words.cancel(new CancelResult.Removed("j"))).isEqualTo("Cancelled. That picture will not be made.");
        assertThat(words.cancel(new CancelResult.Stopping("j"))).isEqualTo("Stopping it after the current step.");
        assertThat(words.cancel(new CancelResult.Refused("j")))
                .isEqualTo("Only the person who asked for this picture, or an admin, can cancel it.");
        assertThat(words.cancel(new CancelResult.NotFound("j")))
                .isEqualTo("I can't find that request; it may be long finished.");
        assertThat(words.cancel(new CancelResult.AlreadyFinished("j", JobStatus.DONE)))
                .isEqualTo("That request has already finished.");
        assertThat(words.cancel(new CancelResult.AlreadyFinished("j", JobStatus.CANCELLED)))
                .isEqualTo("That request has already been cancelled.");
        assertThat(words.cancel(new CancelResult.AlreadyFinished("j", JobStatus.EXPIRED)))
                .isEqualTo("That request has already ended.");
    }

    @Test
    void failedJobs() {
        assertThat(words.failure(new JobFailure.Cancelled(true))).isEqualTo("Cancelled before it started.");
        assertThat(words.failure(new JobFailure.Cancelled(false))).isEqualTo("Stopped as you asked.");
        assertThat(words.failure(new JobFailure.AttemptsExhausted(2))).isEqualTo("This request stopped its worker 2"
                + " times, so I gave up on it. Please try again, perhaps with a smaller size or fewer steps.");
        assertThat(words.failure(new JobFailure.WorkerError())).isEqualTo("Something went wrong while making the picture.");
        assertThat(words.failure(new JobFailure.Deadline(Duration.ofMillis(400)))).isEqualTo("This picture took longer"
                + " than the 400 ms limit for one edit, so I stopped it. Try fewer steps or a smaller size.");
        assertThat(words.failure(new JobFailure.Deadline(Duration.ofMinutes(30))))
                .startsWith("This picture took longer than the 30-minute limit");
        assertThat(words.failure(new JobFailure.Deadline(Duration.ofSeconds(90))))
                .startsWith("This picture took longer than the 90-second limit");
        assertThat(words.failure(new JobFailure.Expired()))
                .isEqualTo("This request waited too long in the queue and was dropped. Please ask again.");
        assertThat(words.failure(new JobFailure.Refused(new Refusal.Forgotten())))
                .isEqualTo(words.refusal(new Refusal.Forgotten()));
        assertThat(words.failure(new JobFailure.QuotaFull(QuotaExceededException.Scope.USER, 0, 1000)))
                .startsWith("Your image storage is full (0.0 of 0.0 MB used).");
        assertThat(words.failure(new JobFailure.StoreOutage())).isEqualTo(words.storeUnavailable());
        assertThat(words.failure(new JobFailure.Said("decode", "I could not read that picture.")))
                .isEqualTo("I could not read that picture.");
        assertThat(words.failure(new JobFailure.Said("failed", null))).isEqualTo("The edit failed.");
    }

    @Test
    void aLanguageWithoutOneOfTheSentencesFailsAtLoad() {
        Properties texts = new Properties();
        for (StateSentence sentence : StateSentence.values()) {
            texts.setProperty(sentence.key(), "x");
        }
        assertThat(StateWords.of("xx.answers", texts).storeUnavailable()).isEqualTo("x");
        texts.remove(StateSentence.CANCEL_STOPPING.key());
        assertThatThrownBy(() -> StateWords.of("xx.answers", texts))
                .hasMessage("xx.answers has no sentence for cancel.stopping");
    }
}
