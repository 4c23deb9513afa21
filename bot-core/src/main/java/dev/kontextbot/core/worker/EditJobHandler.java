package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.jobs.CancellationFlag;
import dev.kontextbot.conversation.jobs.ClaimedJob;
import dev.kontextbot.conversation.jobs.JobHandler;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.ProgressReporter;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.review.HeldResult;
import dev.kontextbot.core.safety.ResultCheck;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.service.EditService;
import dev.kontextbot.inference.image.Provenance;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.inference.pipeline.EditResult;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.PreparedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one edit or generation job on the Kontext engine and stores the result in the edit tree. {@link #prepare}
 * (loading, decoding, resizing, tokenizing) runs while the previous job still uses the device. A compound job runs
 * its steps in order, each appending its own version; appends are idempotent per job id and step, so a job that is
 * run again after a crash never adds a version twice. The last result is encoded and stored as the job's
 * {@link JobOutcome.Finishing} part, while the next job already runs on the device.
 */
public final class EditJobHandler implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(EditJobHandler.class);
    /** Latent channels and the VAE's downscale factor (kontext-pipeline.md §2). */
    private static final int LATENT_CHANNELS = 16;
    private static final int VAE_FACTOR = 8;

    private final KontextEngine engine;
    private final ConversationStore store;
    private final ImageDecoder decoder;
    private final PngCodec png;
    private final ContextCollage collage;
    private final Timer jobTimer;
    private final Timer stepTimer;
    private final ResultScreen screen;
    private final String software;

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
        this.screen = screen;
        this.software = software;
        this.engine = engine;
        this.store = store;
        this.decoder = decoder;
        this.png = png;
        this.collage = collage;
        this.jobTimer = Timer.builder("kontextbot.job.duration").description("Time to run one job on the device")
                .register(registry);
        this.stepTimer = Timer.builder("kontextbot.step.duration").description("Time of one denoising step")
                .register(registry);
    }

    /** What prepare hands to execute: the first step ready for the device, and what the later steps need. */
    record Prepared(PreparedRequest first, List<String> instructions, Optional<Version> base,
                    List<BufferedImage> references, Optional<Bucket> outputSize) {
    }

    @Override
    public Object prepare(ClaimedJob job) throws Exception {
        JobSpec spec = job.spec();
        MDC.put("conv", spec.conversationId());
        try {
            BlobStore blobs = store.blobs(spec.conversationId(), spec.userId());
            List<String> instructions = Arrays.stream(spec.instructionSent().split(EditService.STEP_SEPARATOR))
                    .filter(s -> !s.isBlank()).toList();
            Optional<Version> base = spec.kind() == JobKind.EDIT && spec.baseVersionId() != null
                    ? store.find(spec.conversationId(), spec.baseVersionId()) : Optional.empty();
            if (spec.kind() == JobKind.EDIT && base.isEmpty()) {
                throw new ConversationException(ConversationException.Reason.VERSION_NOT_FOUND,
                        "The picture to edit is no longer stored.");
            }
            List<BufferedImage> references = new ArrayList<>();
            for (String blobId : spec.referenceBlobIds()) {
                blobs.png(blobId).ifPresent(bytes -> references.add(decodeStored(bytes)));
            }
            // A plain edit of a stored result starts from its latents: no PNG decode, no VAE encoder run, and no
            // VAE round-trip loss compounding over a long conversation.
            Optional<float[]> baseLatents = base.filter(v -> references.isEmpty())
                    .flatMap(v -> reusableLatents(spec, v, blobs));
            if (baseLatents.isPresent()) {
                Version v = base.orElseThrow();
                PreparedRequest first = engine.prepare(latentRequest(spec, instructions.getFirst(), baseLatents.get(),
                        v.width(), v.height()));
                return new Prepared(first, instructions, base, references, Optional.empty());
            }
            Optional<BufferedImage> baseImage = base.map(v -> decodeStored(blobs.png(v.imageBlob())
                    .orElseThrow(() -> new ConversationException(ConversationException.Reason.IMAGE_MISSING,
                            "The picture of " + v.label() + " is no longer stored."))));
            // With references stitched beside it, the result keeps the size of the picture being edited.
            Optional<Bucket> outputSize = baseImage.filter(i -> !references.isEmpty())
                    .map(i -> Buckets.choose(i.getWidth(), i.getHeight()));
            PreparedRequest first = engine.prepare(request(spec, instructions.getFirst(), baseImage, references,
                    outputSize));
            return new Prepared(first, instructions, base, references, outputSize);
        } finally {
            MDC.remove("conv");
        }
    }

    @Override
    public JobOutcome execute(ClaimedJob job, Object preparedObject, ProgressReporter progress,
                              CancellationFlag cancel) {
        JobSpec spec = job.spec();
        Prepared prepared = (Prepared) preparedObject;
        MDC.put("conv", spec.conversationId());
        Timer.Sample sample = Timer.start();
        try {
            BlobStore blobs = store.blobs(spec.conversationId(), spec.userId());
            int stepsPerEdit = spec.steps();
            int total = stepsPerEdit * prepared.instructions().size();
            String parentId = prepared.base().map(Version::id).orElse(null);
            PreparedRequest next = prepared.first();
            Version last;
            for (int i = 0; i < prepared.instructions().size(); i++) {
                int offset = i * stepsPerEdit;
                long[] stepStart = {System.nanoTime()};
                EditResult result = engine.run(next, event -> {
                    long now = System.nanoTime();
                    stepTimer.record(java.time.Duration.ofNanos(now - stepStart[0]));
                    stepStart[0] = now;
                    progress.step(offset + event.step(), total,
                            event.preview().map(png::encodePng));
                }, cancel::isCancelled);
                String stepJobId = i == 0 ? spec.jobId() : spec.jobId() + "#" + i;
                String instruction = prepared.instructions().get(i);
                HeldResult made = new HeldResult(spec, parentId, typedPart(spec, i, prepared.instructions().size()),
                        instruction, result.width(), result.height(), stepJobId);
                if (i + 1 == prepared.instructions().size()) {
                    // The device is free now: screening, encoding and storing the result overlap the next job.
                    return new JobOutcome.Finishing(() -> screenAndStore(spec, blobs, made, result));
                }
                ResultCheck check = screen.check(made, result.image(), () -> encode(made, result.image()));
                if (!(check instanceof ResultCheck.Deliver)) {
                    // A flagged step ends the compound edit: the later steps would build on it.
                    return screened(spec, blobs, made, result, check);
                }
                last = store(spec, blobs, made, result.image(), result.latents());
                parentId = last.id();
                // The parts of a compound request chain their latents when the context would be the result as is.
                next = engine.prepare(prepared.references().isEmpty() && latentsReusable(spec, result.width(),
                        result.height())
                        ? latentRequest(spec, prepared.instructions().get(i + 1), result.latents(), result.width(),
                                result.height())
                        : request(spec, prepared.instructions().get(i + 1), Optional.of(result.image()),
                                prepared.references(), prepared.outputSize()));
            }
            throw new IllegalStateException("a job without instructions");
        } catch (InferenceException e) {
            if (e.code() == InferenceException.Code.CANCELLED) {
                return new JobOutcome.Cancelled();
            }
            log.warn("Job {} failed: {}", spec.jobId(), e.getMessage());
            return new JobOutcome.Failed(e.code().name().toLowerCase(Locale.ROOT), e.getMessage(), false);
        } catch (ConversationException e) {
            return new JobOutcome.Failed(e.reason().name().toLowerCase(Locale.ROOT), e.getMessage(), false);
        } catch (StoreUnavailableException e) {
            return new JobOutcome.Failed("store_unavailable", e.getMessage(), true);
        } finally {
            sample.stop(jobTimer);
            MDC.remove("conv");
        }
    }

    /** The last step's result, on the finishing thread: screened, then stored (or held, or stored blurred). */
    private JobOutcome screenAndStore(JobSpec spec, BlobStore blobs, HeldResult made, EditResult result) {
        try {
            ResultCheck check = screen.check(made, result.image(), () -> encode(made, result.image()));
            return screened(spec, blobs, made, result, check);
        } catch (StoreUnavailableException e) {
            return new JobOutcome.Failed("store_unavailable", e.getMessage(), true);
        }
    }

    private JobOutcome screened(JobSpec spec, BlobStore blobs, HeldResult made, EditResult result,
                                ResultCheck check) {
        return switch (check) {
            case ResultCheck.Deliver d -> finishing(spec, () -> store(spec, blobs, made, result.image(),
                    result.latents()));
            case ResultCheck.Hold h -> new JobOutcome.Failed(Screening.HELD_CODE, Screening.HELD_MESSAGE, false);
            // No latents: an edit from the blurred picture must start from what the user was shown.
            case ResultCheck.Blurred b -> finishing(spec, () -> store(spec, blobs, made, b.blurred(), null));
        };
    }

    private Version store(JobSpec spec, BlobStore blobs, HeldResult made, BufferedImage image, float[] latents) {
        String imageBlob = blobs.putPng(encode(made, image));
        // Latents are kept only where a later edit can use them (the result's size is a context bucket); others
        // would be charged to the user's quota and never read.
        String latentBlob = latents == null || !isBucket(made.width(), made.height()) ? null
                : blobs.putLatents(latents);
        return store.append(spec.conversationId(), new NewVersion(made.parentVersionId(), made.instructionTyped(),
                made.instructionSent(), spec.seed(), spec.steps(), spec.guidance(), made.width(), made.height(),
                imageBlob, latentBlob, spec.userId(), made.stepJobId()));
    }

    /** The PNG as stored and delivered, with its recipe in text chunks. */
    private byte[] encode(HeldResult made, BufferedImage image) {
        JobSpec spec = made.job();
        String model = engine.model().standIn() ? "stand-in (not FLUX.1 Kontext)" : "FLUX.1 Kontext [dev]";
        return png.encodePng(image, new Provenance(made.instructionSent(), spec.seed(), spec.steps(), spec.guidance(),
                image.getWidth(), image.getHeight(), model, engine.model().precision(), software).chunks());
    }

    /**
     * What the user typed for one step: a compound request carries its parts one per line (in the order of the
     * steps), so each version is labelled by its own instruction; anything else is labelled by the whole text.
     */
    static String typedPart(JobSpec spec, int step, int steps) {
        String[] parts = spec.instructionTyped().split(EditService.STEP_SEPARATOR, -1);
        return steps > 1 && parts.length == steps ? parts[step] : spec.instructionTyped();
    }

    /** The storing part of a job, on the worker's finishing thread, with the same error mapping as the rest. */
    private JobOutcome finishing(JobSpec spec, java.util.function.Supplier<Version> storeResult) {
        MDC.put("conv", spec.conversationId());
        try {
            Version stored = storeResult.get();
            log.info("Job {} stored {}", spec.jobId(), stored.label());
            return new JobOutcome.Succeeded(stored.id());
        } catch (ConversationException e) {
            return new JobOutcome.Failed(e.reason().name().toLowerCase(Locale.ROOT), e.getMessage(), false);
        } catch (QuotaExceededException e) {
            return new JobOutcome.Failed("quota_exceeded", e.getMessage(), false);
        } catch (StoreUnavailableException e) {
            return new JobOutcome.Failed("store_unavailable", e.getMessage(), true);
        } finally {
            MDC.remove("conv");
        }
    }

    /**
     * The stored latents of {@code v} when an edit of it may use them: its size is its own context bucket (so the
     * engine would resize the picture to exactly that size) and the job asks for no other output size.
     */
    private static Optional<float[]> reusableLatents(JobSpec spec, Version v, BlobStore blobs) {
        if (v.latentBlob() == null || !latentsReusable(spec, v.width(), v.height())) {
            return Optional.empty();
        }
        int expected = LATENT_CHANNELS * (v.height() / VAE_FACTOR) * (v.width() / VAE_FACTOR);
        return blobs.latents(v.latentBlob()).filter(l -> l.length == expected);
    }

    private static boolean latentsReusable(JobSpec spec, int width, int height) {
        boolean sameOutput = spec.width() == null || (spec.width() == width && spec.height() == height);
        return sameOutput && isBucket(width, height);
    }

    private static boolean isBucket(int width, int height) {
        Bucket b = Buckets.choose(width, height);
        return b.width() == width && b.height() == height;
    }

    /** An edit whose context is given as latents [1,16,h/8,w/8] of a {@code width} x {@code height} picture. */
    private static EditRequest latentRequest(JobSpec spec, String prompt, float[] latents, int width, int height) {
        return new EditRequest(prompt, Optional.empty(), Optional.of(latents), spec.seed(), spec.steps(),
                spec.guidance(), Optional.of(width), Optional.of(height), Optional.empty());
    }

    private EditRequest request(JobSpec spec, String prompt, Optional<BufferedImage> base,
                                List<BufferedImage> references, Optional<Bucket> outputSize) {
        Optional<BufferedImage> context = base.map(image -> {
            List<BufferedImage> all = new ArrayList<>();
            all.add(image);
            all.addAll(references);
            return collage.sideBySide(all);
        });
        Optional<Integer> width = Optional.ofNullable(spec.width()).or(() -> outputSize.map(Bucket::width));
        Optional<Integer> height = Optional.ofNullable(spec.height()).or(() -> outputSize.map(Bucket::height));
        return new EditRequest(prompt, context, Optional.empty(), spec.seed(), spec.steps(), spec.guidance(),
                width, height, Optional.empty());
    }

    private BufferedImage decodeStored(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (InferenceException e) {
            throw new ConversationException(ConversationException.Reason.IMAGE_MISSING,
                    "A stored picture could not be read: " + e.getMessage());
        }
    }
}
