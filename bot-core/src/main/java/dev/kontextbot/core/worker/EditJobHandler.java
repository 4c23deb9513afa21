package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.jobs.CancellationFlag;
import dev.kontextbot.conversation.jobs.ClaimedJob;
import dev.kontextbot.conversation.jobs.JobHandler;
import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.ProgressReporter;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.inference.InferenceException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one edit or generation job on the Kontext engine and stores the result in the edit tree: {@link JobInputs}
 * prepares it (loading, decoding, resizing, tokenizing) while the previous job still uses the device,
 * {@link RecipeRunner} runs it, {@link ResultStore} screens and stores each result and {@link DriftRecorder}
 * measures it. Appends are idempotent per job id and run ({@link JobRuns}), so a job that is run again after a
 * crash never adds a version twice.
 */
public final class EditJobHandler implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(EditJobHandler.class);

    private final ConversationStore store;
    private final JobInputs inputs;
    private final RecipeRunner runner;
    private final Timer jobTimer;

    /** Built by {@code WorkerWiring}: the inputs, the run loop (which stores results) and the job timer. */
    public EditJobHandler(ConversationStore store, JobInputs inputs, RecipeRunner runner, MeterRegistry registry) {
        this.store = store;
        this.inputs = inputs;
        this.runner = runner;
        this.jobTimer = Timer.builder("kontextbot.job.duration").description("Time to run one job on the device")
                .register(registry);
    }

    @Override
    public Object prepare(ClaimedJob job) throws Exception {
        MDC.put("conv", job.spec().conversationId());
        try {
            return inputs.prepare(job.spec());
        } finally {
            MDC.remove("conv");
        }
    }

    /** The job's last run's version, when a run of it stored it. */
    @Override
    public Optional<String> storedResult(ClaimedJob job) {
        JobSpec spec = job.spec();
        return store.versionOfJob(spec.conversationId(), new JobRuns(spec).lastStepJobId()).map(Version::id);
    }

    @Override
    public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress, CancellationFlag cancel) {
        JobSpec spec = job.spec();
        MDC.put("conv", spec.conversationId());
        Timer.Sample sample = Timer.start();
        try {
            return runner.run(spec, (PreparedJob) prepared, progress, cancel);
        } catch (InferenceException e) {
            if (e.code() == InferenceException.Code.CANCELLED) {
                return new JobOutcome.Cancelled();
            }
            log.warn("Job {} failed: {}", spec.jobId(), e.getMessage());
            return new JobOutcome.Failed(e.code().name().toLowerCase(Locale.ROOT), e.getMessage(), false);
        } catch (ConversationException e) {
            return JobFailures.of(e);
        } catch (StoreUnavailableException e) {
            return JobFailures.of(e);
        } finally {
            sample.stop(jobTimer);
            MDC.remove("conv");
        }
    }
}
