package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobSpec;

/**
 * The model runs one job makes, numbered from 0: one per step of a compound edit (each editing the last), or one
 * per variation (each from the base, with the next seed). Run {@code i}'s version is appended under
 * {@link #stepJobId}: the job id, then {@code #i} after the first, so a job run again after a crash finds what it
 * stored and never adds a version twice.
 */
record JobRuns(JobSpec spec) {

    int count() {
        return spec.recipe().runs();
    }

    boolean siblings() {
        return spec.recipe().siblings();
    }

    boolean last(int run) {
        return run + 1 == count();
    }

    /** The append key of run {@code run}'s version. */
    String stepJobId(int run) {
        return run == 0 ? spec.jobId() : spec.jobId() + "#" + run;
    }

    String lastStepJobId() {
        return stepJobId(count() - 1);
    }

    EditStep step(int run) {
        return spec.recipe().step(run);
    }

    /** A variation takes the next seed; the steps of a compound edit share the job's. */
    long seed(int run) {
        return siblings() ? spec.sampling().seed() + run : spec.sampling().seed();
    }

    /** Denoising steps over the whole job, for its progress (and so its remaining time). */
    int totalSteps() {
        return spec.sampling().steps() * count();
    }

    /** Denoising steps done before run {@code run} starts. */
    int stepsBefore(int run) {
        return spec.sampling().steps() * run;
    }
}
