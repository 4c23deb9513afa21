package dev.kontextbot.core.wiring;

import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.worker.EditJobHandler;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.pipeline.KontextEngine;
import io.micrometer.core.instrument.MeterRegistry;
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
        return new JobWorker(state.queue(), workerId, new EditJobHandler(engine, state.store(), images.decoder(),
                images.png(), images.collage(), registry, screen, software, faces), options);
    }
}
