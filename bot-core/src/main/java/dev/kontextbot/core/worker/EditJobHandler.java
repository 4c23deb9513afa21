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
import dev.kontextbot.core.drift.DriftMeasure;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.region.UntouchedPixels;
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

    public EditJobHandler(KontextEngine engine, ConversationStore store, ImageDecoder decoder, PngCodec png,
                          ContextCollage collage, MeterRegistry registry) {
        this(engine, store, decoder, png, collage, registry, ResultScreen.none(), "KontextBot");
    }

    /**
     * @param screen   looks at every result before it is stored (the safety classifier, or none)
     * @param software what the PNG's {@code Software} chunk names, "KontextBot 0.1.0"
     */
    public EditJobHandler(KontextEngine engine, ConversationStore store, ImageDecoder decoder, PngCodec png,
                          ContextCollage collage, MeterRegistry registry, ResultScreen screen, String software) {
        this(engine, store, decoder, png, collage, registry, screen, software, Optional.empty());
    }

    /** @param faces the face measure of drift, when the operator installed the face models */
    public EditJobHandler(KontextEngine engine, ConversationStore store, ImageDecoder decoder, PngCodec png,
                          ContextCollage collage, MeterRegistry registry, ResultScreen screen, String software,
                          Optional<FaceMeter> faces) {
        LanczosResizer resizer = new LanczosResizer();
        StepRequests requests = new StepRequests(engine, collage);
        ResultStore results = new ResultStore(engine, store, png, screen, requests,
                new DriftRecorder(store, decoder, new DriftMeasure(resizer, faces)), software);
        this.store = store;
        this.inputs = new JobInputs(engine, store, decoder, resizer, requests);
        this.runner = new RecipeRunner(engine, store, requests, results, new UntouchedPixels(resizer),
                Timer.builder("kontextbot.step.duration").description("Time of one denoising step").register(registry));
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
