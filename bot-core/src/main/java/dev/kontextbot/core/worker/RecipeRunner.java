package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.jobs.CancellationFlag;
import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.ProgressReporter;
import dev.kontextbot.conversation.review.VersionAwaitingReview;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.safety.ResultCheck;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.pipeline.EditResult;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.PreparedRequest;
import dev.kontextbot.inference.pipeline.StepListener;
import dev.kontextbot.inference.region.UntouchedPixels;
import io.micrometer.core.instrument.Timer;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs a prepared job's runs on the device in order. A compound edit chains (each run edits the last result);
 * variations are siblings of the base. Every run but the last is screened and stored before the next starts (a
 * flagged one ends the job); the last is handed back as the job's {@link JobOutcome.Finishing} part, so screening,
 * encoding and storing it overlap the next job.
 */
public final class RecipeRunner {

    private final KontextEngine engine;
    private final ConversationStore store;
    private final StepRequests requests;
    private final ResultStore results;
    private final UntouchedPixels untouched;
    private final Timer stepTimer;

    public RecipeRunner(KontextEngine engine, ConversationStore store, StepRequests requests, ResultStore results,
                 UntouchedPixels untouched, Timer stepTimer) {
        this.engine = engine;
        this.store = store;
        this.requests = requests;
        this.results = results;
        this.untouched = untouched;
        this.stepTimer = stepTimer;
    }

    JobOutcome run(JobSpec spec, PreparedJob prepared, ProgressReporter progress, CancellationFlag cancel)
            throws InferenceException {
        BlobStore blobs = store.blobs(spec.conversationId(), spec.userId());
        JobRuns runs = new JobRuns(spec);
        String parentId = prepared.base().map(Version::id).orElse(null);
        PreparedRequest next = prepared.first();
        StepContext context = prepared.context();
        for (int i = 0; ; i++) {
            EditResult result = engine.run(next, reporter(spec, runs, i, progress), cancel::isCancelled);
            StepResult stored = compose(spec, prepared, context.image(), result);
            VersionAwaitingReview made = new VersionAwaitingReview(spec, parentId, runs.step(i).typed(),
                    runs.step(i).sent(), runs.seed(i), stored.image().getWidth(), stored.image().getHeight(),
                    runs.stepJobId(i));
            if (runs.last(i)) {
                // The device is free now: screening, encoding and storing the result overlap the next job.
                return new JobOutcome.Finishing(() -> results.screenAndStore(blobs, made, stored));
            }
            ResultCheck check = results.check(made, stored);
            if (!(check instanceof ResultCheck.Deliver)) {
                // A flagged run ends the job: later runs would build on it, or vary what was refused.
                return results.screened(blobs, made, stored, check);
            }
            Version last = results.store(blobs, made, stored);
            if (!runs.siblings()) {
                // The parts of a compound request chain: the next edits this result (its latents when usable).
                parentId = last.id();
                context = StepContext.of(stored);
            }
            next = engine.prepare(requests.request(spec, runs.step(i + 1).sent(), runs.seed(i + 1), context,
                    prepared));
        }
    }

    /**
     * What a run stores: a local edit's crop put back into the picture, or with keep-untouched the pixels it did not
     * change restored, else the model's result. A local edit's latents are the crop's, and restored pixels are not
     * the model's: neither keeps them.
     */
    private StepResult compose(JobSpec spec, PreparedJob prepared, Optional<BufferedImage> original,
                               EditResult result) {
        return prepared.local()
                .map(l -> new StepResult(l.compose(original.orElseThrow(), result.image()), null))
                .or(() -> keptUntouched(spec, original, result))
                .orElseGet(() -> new StepResult(result.image(), result.latents()));
    }

    private Optional<StepResult> keptUntouched(JobSpec spec, Optional<BufferedImage> base, EditResult result) {
        if (!spec.recipe().keepUntouched() || base.isEmpty()) {
            return Optional.empty();
        }
        return untouched.restore(base.get(), result.image()).map(kept -> new StepResult(kept.image(), null));
    }

    /** Progress over the whole job; a preview is sent to the chat too, so it carries the provenance it shows. */
    private StepListener reporter(JobSpec spec, JobRuns runs, int run, ProgressReporter progress) {
        long[] stepStart = {System.nanoTime()};
        int before = runs.stepsBefore(run);
        int total = runs.totalSteps();
        String instruction = runs.step(run).sent();
        long seed = runs.seed(run);
        return event -> {
            long now = System.nanoTime();
            stepTimer.record(Duration.ofNanos(now - stepStart[0]));
            stepStart[0] = now;
            progress.step(before + event.step(), total, event.preview().map(p -> results.encode(spec, instruction,
                    seed, p)));
        };
    }
}
