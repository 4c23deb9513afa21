package dev.kontextbot.core.wiring;

import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.drift.DriftMeasure;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.worker.DriftRecorder;
import dev.kontextbot.core.worker.EditJobHandler;
import dev.kontextbot.core.worker.JobInputs;
import dev.kontextbot.core.worker.RecipeRunner;
import dev.kontextbot.core.worker.ResultStore;
import dev.kontextbot.core.worker.StepRequests;
import dev.kontextbot.inference.drift.DriftMeter;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.region.UntouchedPixels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;

/**
 * A job worker over an opened engine, built here for deploy's runtime and the tests alike.
 *
 * @param screen   checks each result before it is kept (the process's screening, or none)
 * @param software the provenance's software line ("KontextBot 1.4.0")
 * @param faces    the face models that measure drift of faces, when installed
 */
public record WorkerWiring(KontextEngine engine, StateServices state, ImageParts images, MeterRegistry registry,
                           ResultScreen screen, String software, Optional<FaceMeter> faces) {

    /** A worker called {@code workerId}, not started. */
    public JobWorker worker(String workerId, JobWorker.Options options) {
        return new JobWorker(state.queue(), state.progress(), workerId, handler(), options);
    }

    /** The edit handler: preparing the inputs, running the recipe, storing the result, recording drift. */
    public EditJobHandler handler() {
        ConversationStore store = state.store();
        StepRequests requests = new StepRequests(engine, images.collage());
        ResultStore results = new ResultStore(engine, store, images.png(), screen, requests,
                new DriftRecorder(store, images.decoder(), new DriftMeasure(new DriftMeter(images.resizer()), faces)),
                software);
        RecipeRunner runner = new RecipeRunner(engine, store, requests, results,
                new UntouchedPixels(images.resizer()), Timer.builder("kontextbot.step.duration")
                        .description("Time of one denoising step").register(registry));
        return new EditJobHandler(store, new JobInputs(engine, store, images.decoder(), images.resizer(), requests),
                runner, registry);
    }
}
