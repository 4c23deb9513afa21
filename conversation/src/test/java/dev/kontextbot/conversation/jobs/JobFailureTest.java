package dev.kontextbot.conversation.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.ConversationException.Reason;
import dev.kontextbot.conversation.state.Refusal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobFailureTest {

    @Test
    void everyFailureIsReadBackWithItsFactsFromItsStoredForm() {
        List<JobFailure> failures = List.of(new JobFailure.Cancelled(true), new JobFailure.Cancelled(false),
                new JobFailure.AttemptsExhausted(3), new JobFailure.WorkerError(),
                new JobFailure.Deadline(Duration.ofMinutes(30)), new JobFailure.Expired(),
                new JobFailure.Refused(new Refusal.NoSuchNumber(9, 50)),
                new JobFailure.Refused(new Refusal.VersionGone("0a1b2c3d-4")),
                new JobFailure.QuotaFull(QuotaExceededException.Scope.TOTAL, 600, 1000),
                new JobFailure.StoreOutage(), new JobFailure.Said("decode", "I could not read that picture."),
                new JobFailure.Said("odd", "{not json"));
        for (JobFailure failure : failures) {
            assertThat(JobFailure.read(failure.code(), failure.stored())).as(failure.toString()).isEqualTo(failure);
        }
    }

    @Test
    void aFailureStoredAsASentenceByAnOlderVersionIsReadAsThatSentence() {
        assertThat(JobFailure.read("deadline", "This picture took longer than the 30-minute limit for one edit."))
                .isEqualTo(new JobFailure.Said("deadline", "This picture took longer than the 30-minute limit for one edit."));
        assertThat(JobFailure.read("failed", "")).isEqualTo(new JobFailure.Said("failed", null));
        assertThat(JobFailure.read(null, null)).isEqualTo(new JobFailure.Said(null, null));
    }

    @Test
    void theCodesOfTheRepliesStayAsTheyWere() {
        assertThat(new JobFailure.Cancelled(true).code()).isEqualTo("cancelled");
        assertThat(new JobFailure.Refused(new Refusal.Forgotten()).code()).isEqualTo("forgotten");
        assertThat(new JobFailure.QuotaFull(QuotaExceededException.Scope.USER, 1, 2).code()).isEqualTo("quota_exceeded");
        assertThat(new JobFailure.StoreOutage().code()).isEqualTo(JobWorker.STORE_OUTAGE);
        // A refusal raised in its caller's words keeps those words, stored as the sentence itself.
        JobFailure worded = JobFailure.refused(new Refusal.Worded(Reason.IMAGE_MISSING, "That picture is gone."));
        assertThat(worded).isEqualTo(new JobFailure.Said("image_missing", "That picture is gone."));
        assertThat(worded.stored()).isEqualTo("That picture is gone.");
    }
}
