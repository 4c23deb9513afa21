package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.ConversationException;
import java.util.Locale;

/** How a failure while running or storing a job reaches its user: a code and the failure's own plain words. */
final class JobFailures {

    private JobFailures() {
    }

    /** Not the request's fault and not retried: the conversation refused (forgotten, missing picture, ...). */
    static JobOutcome.Failed of(ConversationException e) {
        return new JobOutcome.Failed(e.reason().name().toLowerCase(Locale.ROOT), e.getMessage(), false);
    }

    static JobOutcome.Failed of(QuotaExceededException e) {
        return new JobOutcome.Failed("quota_exceeded", e.getMessage(), false);
    }

    /** A store outage is retried with its attempt given back (the worker's rule for {@link JobWorker#STORE_OUTAGE}). */
    static JobOutcome.Failed of(StoreUnavailableException e) {
        return new JobOutcome.Failed(JobWorker.STORE_OUTAGE, e.getMessage(), true);
    }
}
