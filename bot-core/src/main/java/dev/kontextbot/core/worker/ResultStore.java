package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.review.VersionAwaitingReview;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.safety.ResultCheck;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.image.Provenance;
import dev.kontextbot.inference.pipeline.KontextEngine;
import java.awt.image.BufferedImage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Screens each result and stores it in the edit tree as a PNG carrying its recipe (or holds it for review, or
 * stores it blurred), with its latents where a later edit can use them, and has its drift recorded.
 */
public final class ResultStore {

    private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

    private final KontextEngine engine;
    private final ConversationStore store;
    private final PngCodec png;
    private final ResultScreen screen;
    private final StepRequests requests;
    private final DriftRecorder drift;
    private final String software;

    public ResultStore(KontextEngine engine, ConversationStore store, PngCodec png, ResultScreen screen,
                StepRequests requests, DriftRecorder drift, String software) {
        this.engine = engine;
        this.store = store;
        this.png = png;
        this.screen = screen;
        this.requests = requests;
        this.drift = drift;
        this.software = software;
    }

    /** The screen's verdict on a result about to become {@code made}. */
    ResultCheck check(VersionAwaitingReview made, StepResult result) {
        return screen.check(made, result.image(), () -> encode(made, result.image()));
    }

    /** The last run's result, on the finishing thread: screened, then stored (or held, or stored blurred). */
    JobOutcome screenAndStore(BlobStore blobs, VersionAwaitingReview made, StepResult result) {
        try {
            return screened(blobs, made, result, check(made, result));
        } catch (StoreUnavailableException e) {
            return JobFailures.of(e);
        }
    }

    /** What a verdict other than deliver makes of the job, or the stored result's outcome. */
    JobOutcome screened(BlobStore blobs, VersionAwaitingReview made, StepResult result, ResultCheck check) {
        JobSpec spec = made.job();
        return switch (check) {
            case ResultCheck.Deliver d -> finishing(spec, () -> store(blobs, made, result));
            case ResultCheck.Hold h -> new JobOutcome.Failed(Screening.HELD_CODE, Screening.HELD_MESSAGE, false);
            // No latents: an edit from the blurred picture must start from what the user was shown.
            case ResultCheck.Blurred b -> finishing(spec, () -> store(blobs, made, new StepResult(b.blurred(), null)));
        };
    }

    /** Appends {@code made} with its picture (idempotent per step job id) and records its drift. */
    Version store(BlobStore blobs, VersionAwaitingReview made, StepResult result) {
        JobSpec spec = made.job();
        String imageBlob = blobs.putPng(encode(made, result.image()));
        // Latents are kept only where a later edit can use them (the result's size is a context bucket); others
        // would be charged to the user's quota and never read.
        String latentBlob = result.latents() == null || !requests.isContextSize(made.width(), made.height()) ? null
                : blobs.putLatents(result.latents());
        Version stored = store.append(spec.conversationId(), new NewVersion(made.parentVersionId(),
                made.instructionTyped(), made.instructionSent(), made.seed(), spec.sampling().steps(),
                spec.sampling().guidance(), made.width(), made.height(), imageBlob, latentBlob, spec.userId(),
                made.stepJobId(), engine.model().family().id()));
        drift.record(spec.conversationId(), blobs, stored, result.image());
        return stored;
    }

    /** The PNG as stored and delivered, with its recipe in text chunks. */
    byte[] encode(VersionAwaitingReview made, BufferedImage image) {
        return encode(made.job(), made.instructionSent(), made.seed(), image);
    }

    /** A picture of run with {@code instruction} and {@code seed} (a preview, a result) with its provenance. */
    byte[] encode(JobSpec spec, String instruction, long seed, BufferedImage image) {
        Provenance provenance = new Provenance(instruction, seed, spec.sampling().steps(), spec.sampling().guidance(),
                image.getWidth(), image.getHeight(), engine.model().label(), engine.model().precision(), software);
        return png.encodePng(image, provenance.chunks());
    }

    /** The storing part of a job, on the worker's finishing thread, with the same error mapping as the rest. */
    private JobOutcome finishing(JobSpec spec, Supplier<Version> storeResult) {
        MDC.put("conv", spec.conversationId());
        try {
            Version stored = storeResult.get();
            log.info("Job {} stored {}", spec.jobId(), stored.label());
            return new JobOutcome.Succeeded(stored.id());
        } catch (ConversationException e) {
            return JobFailures.of(e);
        } catch (QuotaExceededException e) {
            return JobFailures.of(e);
        } catch (StoreUnavailableException e) {
            return JobFailures.of(e);
        } finally {
            MDC.remove("conv");
        }
    }
}
