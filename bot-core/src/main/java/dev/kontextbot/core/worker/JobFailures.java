package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobFailure;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.ConversationException;

/** How a failure while running or storing a job reaches its user: its code and facts (bot-core's words say them at delivery). */
final class JobFailures {

    private JobFailures() {
    }

    /** Not the request's fault and not retried: the conversation refused (forgotten, missing picture, ...). */
    static JobOutcome.Failed of(ConversationException e) {
        return new JobOutcome.Failed(JobFailure.refused(e.refusal()), false);
    }

    static JobOutcome.Failed of(QuotaExceededException e) {
        return new JobOutcome.Failed(new JobFailure.QuotaFull(e), false);
    }

    /** A store outage is retried with its attempt given back (the worker's rule for a store outage). */
    static JobOutcome.Failed of(StoreUnavailableException e) {
        return new JobOutcome.Failed(new JobFailure.StoreOutage(), true);
    }
}
