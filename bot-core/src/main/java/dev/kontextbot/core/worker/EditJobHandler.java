package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.jobs.CancellationFlag;
import dev.kontextbot.conversation.jobs.ClaimedJob;
import dev.kontextbot.conversation.jobs.InvalidJobException;
import dev.kontextbot.conversation.jobs.JobHandler;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobFailure;
import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.ProgressReporter;
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
import dev.kontextbot.core.drift.DriftMeasure;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.region.RegionSpec;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.image.Provenance;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.inference.pipeline.EditResult;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.inference.pipeline.PreparedRequest;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.EditRegion;
import dev.kontextbot.inference.region.RegionEdit;
import dev.kontextbot.inference.region.UntouchedPixels;
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
 * its steps in order, each appending its own version; variations run one instruction again with the next seeds,
 * each a sibling. Appends are idempotent per job id and step, so a job that is run again after a crash never adds
 * a version twice. Every result is screened before it is stored; the last one is screened, encoded and stored as
 * the job's {@link JobOutcome.Finishing} part, while the next job already runs on the device.
 */
public final class EditJobHandler implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(EditJobHandler.class);

    private final KontextEngine engine;
    private final ConversationStore store;
    private final ImageDecoder decoder;
    private final PngCodec png;
    private final ContextCollage collage;
    private final LanczosResizer resizer = new LanczosResizer();
    private final DriftMeasure driftMeasure;
    private final UntouchedPixels untouched = new UntouchedPixels(resizer);
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
        this(engine, store, decoder, png, collage, registry, screen, software, Optional.empty());
    }

    /** @param faces the face measure of drift, when the operator installed the face models */
    public EditJobHandler(KontextEngine engine, ConversationStore store, ImageDecoder decoder, PngCodec png,
                          ContextCollage collage, MeterRegistry registry, ResultScreen screen, String software,
                          Optional<FaceMeter> faces) {
        this.driftMeasure = new DriftMeasure(resizer, faces);
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

    /**
     * What one step edits: the picture (decoded when a step needs its pixels), its latents [1,16,h/8,w/8] (when they
     * can be fed to the transformer as they are) and its size.
     */
    private record StepContext(Optional<BufferedImage> image, Optional<float[]> latents, int width, int height) {
    }

    /** What prepare hands to execute: the first step ready for the device, and what the later steps need. */
    record Prepared(PreparedRequest first, List<String> instructions, Optional<Version> base, StepContext context,
                    List<BufferedImage> references, Optional<Bucket> outputSize, Optional<RegionEdit> local) {
    }

    @Override
    public Object prepare(ClaimedJob job) throws Exception {
        JobSpec spec = job.spec();
        MDC.put("conv", spec.conversationId());
        try {
            BlobStore blobs = store.blobs(spec.conversationId(), spec.userId());
            List<String> instructions = instructions(spec);
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
            // A plain edit of a stored result starts from its latents: no VAE encoder run, and no VAE round-trip
            // loss compounding over a long conversation. A local edit works on a crop, so it needs the pixels.
            Optional<float[]> baseLatents = base.filter(v -> references.isEmpty() && spec.region() == null)
                    .flatMap(v -> reusableLatents(spec, v, blobs));
            // The pixels are decoded only when a step needs them: no latents, or keep-untouched compares with them.
            boolean needsPixels = baseLatents.isEmpty() || Boolean.TRUE.equals(spec.keepUntouched());
            Optional<BufferedImage> baseImage = needsPixels ? base.map(v -> decodeStored(blobs.png(v.imageBlob())
                    .orElseThrow(() -> new ConversationException(ConversationException.Reason.IMAGE_MISSING,
                            "The picture of " + v.label() + " is no longer stored.")))) : Optional.empty();
            Optional<RegionEdit> local = spec.region() == null ? Optional.empty()
                    : Optional.of(regionEdit(spec.region(), baseImage.orElseThrow()));
            // With references beside it, the result keeps the size of the picture being edited (a local edit's crop
            // takes its own bucket and is scaled back).
            Optional<Bucket> outputSize = baseImage.filter(i -> !references.isEmpty() && local.isEmpty())
                    .map(i -> engine.contextSize(i.getWidth(), i.getHeight()));
            StepContext context = new StepContext(baseImage, baseLatents, base.map(Version::width).orElse(0),
                    base.map(Version::height).orElse(0));
            PreparedRequest first;
            try {
                first = engine.prepare(request(spec, instructions.getFirst(), spec.seed(), context, references,
                        outputSize, local));
            } catch (InferenceException e) {
                if (e.code() != InferenceException.Code.INVALID_REQUEST) {
                    throw e;
                }
                // The model's refusal of this request ("each side must be at least 64 pixels") in its own words:
                // running it again would meet the same.
                throw new InvalidJobException(e.getMessage());
            }
            return new Prepared(first, instructions, base, context, references, outputSize, local);
        } finally {
            MDC.remove("conv");
        }
    }

    private static List<String> instructions(JobSpec spec) {
        return Arrays.stream(spec.instructionSent().split(EditService.STEP_SEPARATOR)).filter(s -> !s.isBlank())
                .toList();
    }

    /** The job's last step's version, when a run of it stored it (the step ids are those {@link #execute} appends). */
    @Override
    public Optional<String> storedResult(ClaimedJob job) {
        JobSpec spec = job.spec();
        int instructions = instructions(spec).size();
        int runs = spec.variations() != null && spec.variations() > 1 && instructions == 1 ? spec.variations()
                : instructions;
        String lastStep = runs <= 1 ? spec.jobId() : spec.jobId() + "#" + (runs - 1);
        return store.versionOfJob(spec.conversationId(), lastStep).map(Version::id);
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
            // Variations run one instruction again with the next seeds, each a sibling; a compound edit chains.
            boolean siblings = spec.variations() != null && spec.variations() > 1
                    && prepared.instructions().size() == 1;
            int runs = siblings ? spec.variations() : prepared.instructions().size();
            int total = stepsPerEdit * runs;
            String parentId = prepared.base().map(Version::id).orElse(null);
            PreparedRequest next = prepared.first();
            StepContext context = prepared.context();
            Version last;
            for (int i = 0; i < runs; i++) {
                int offset = i * stepsPerEdit;
                long[] stepStart = {System.nanoTime()};
                int part = siblings ? 0 : i;
                String instruction = prepared.instructions().get(part);
                long seed = siblings ? spec.seed() + i : spec.seed();
                EditResult result = engine.run(next, event -> {
                    long now = System.nanoTime();
                    stepTimer.record(java.time.Duration.ofNanos(now - stepStart[0]));
                    stepStart[0] = now;
                    // A preview is sent to the chat too, so it carries the provenance of what it shows.
                    progress.step(offset + event.step(), total, event.preview().map(p -> png.encodePng(p,
                            provenance(spec, instruction, seed, p).chunks())));
                }, cancel::isCancelled);
                String stepJobId = i == 0 ? spec.jobId() : spec.jobId() + "#" + i;
                Optional<BufferedImage> original = context.image();
                // A local edit's latents are the crop's, and restored pixels are not the model's: neither keeps them.
                Result stored = prepared.local()
                        .map(l -> new Result(l.compose(original.orElseThrow(), result.image()), null))
                        .or(() -> keptUntouched(spec, original, result))
                        .orElseGet(() -> new Result(result.image(), result.latents()));
                VersionAwaitingReview made = new VersionAwaitingReview(spec, parentId,
                        typedPart(spec, part, prepared.instructions().size()), instruction, seed,
                        stored.image().getWidth(), stored.image().getHeight(), stepJobId);
                if (i + 1 == runs) {
                    // The device is free now: screening, encoding and storing the result overlap the next job.
                    return new JobOutcome.Finishing(() -> screenAndStore(spec, blobs, made, stored));
                }
                ResultCheck check = screen.check(made, stored.image(), () -> encode(made, stored.image()));
                if (!(check instanceof ResultCheck.Deliver)) {
                    // A flagged step ends the job: later steps would build on it, or vary what was refused.
                    return screened(spec, blobs, made, stored, check);
                }
                last = store(spec, blobs, made, stored);
                if (!siblings) {
                    // The parts of a compound request chain: the next edits this result (its latents when usable).
                    parentId = last.id();
                    context = new StepContext(Optional.of(stored.image()), Optional.ofNullable(stored.latents()),
                            stored.image().getWidth(), stored.image().getHeight());
                }
                next = engine.prepare(request(spec, prepared.instructions().get(siblings ? 0 : i + 1),
                        siblings ? seed + 1 : spec.seed(), context, prepared.references(), prepared.outputSize(),
                        prepared.local()));
            }
            throw new IllegalStateException("a job without instructions");
        } catch (InferenceException e) {
            if (e.code() == InferenceException.Code.CANCELLED) {
                return new JobOutcome.Cancelled();
            }
            log.warn("Job {} failed: {}", spec.jobId(), e.getMessage());
            return new JobOutcome.Failed(e.code().name().toLowerCase(Locale.ROOT), e.getMessage(), false);
        } catch (ConversationException e) {
            return new JobOutcome.Failed(JobFailure.refused(e.refusal()), false);
        } catch (StoreUnavailableException e) {
            return new JobOutcome.Failed(new JobFailure.StoreOutage(), true);
        } finally {
            sample.stop(jobTimer);
            MDC.remove("conv");
        }
    }

    /** With keep-untouched on: the result with every pixel it did not change restored from the base. */
    private Optional<Result> keptUntouched(JobSpec spec, Optional<BufferedImage> base, EditResult result) {
        if (!Boolean.TRUE.equals(spec.keepUntouched()) || base.isEmpty()) {
            return Optional.empty();
        }
        return untouched.restore(base.get(), result.image()).map(kept -> new Result(kept.image(), null));
    }

    /** What one step stores: its picture, and its latents when they are the picture's. */
    private record Result(BufferedImage image, float[] latents) {
    }

    /** The last step's result, on the finishing thread: screened, then stored (or held, or stored blurred). */
    private JobOutcome screenAndStore(JobSpec spec, BlobStore blobs, VersionAwaitingReview made, Result result) {
        try {
            ResultCheck check = screen.check(made, result.image(), () -> encode(made, result.image()));
            return screened(spec, blobs, made, result, check);
        } catch (StoreUnavailableException e) {
            return new JobOutcome.Failed(new JobFailure.StoreOutage(), true);
        }
    }

    private JobOutcome screened(JobSpec spec, BlobStore blobs, VersionAwaitingReview made, Result result, ResultCheck check) {
        return switch (check) {
            case ResultCheck.Deliver d -> finishing(spec, () -> store(spec, blobs, made, result));
            case ResultCheck.Hold h -> new JobOutcome.Failed(Screening.HELD_CODE, Screening.HELD_MESSAGE, false);
            // No latents: an edit from the blurred picture must start from what the user was shown.
            case ResultCheck.Blurred b -> finishing(spec, () -> store(spec, blobs, made, new Result(b.blurred(), null)));
        };
    }

    private Version store(JobSpec spec, BlobStore blobs, VersionAwaitingReview made, Result result) {
        String imageBlob = blobs.putPng(encode(made, result.image()));
        // Latents are kept only where a later edit can use them (the result's size is a context bucket); others
        // would be charged to the user's quota and never read.
        String latentBlob = result.latents() == null || !isContextSize(made.width(), made.height()) ? null
                : blobs.putLatents(result.latents());
        Version stored = store.append(spec.conversationId(), new NewVersion(made.parentVersionId(),
                made.instructionTyped(), made.instructionSent(), made.seed(), spec.steps(), spec.guidance(),
                made.width(), made.height(), imageBlob, latentBlob, spec.userId(), made.stepJobId(),
                engine.model().family().id()));
        recordDrift(spec.conversationId(), blobs, stored, result.image());
        return stored;
    }

    /** The PNG as stored and delivered, with its recipe in text chunks. */
    private byte[] encode(VersionAwaitingReview made, BufferedImage image) {
        return png.encodePng(image, provenance(made.job(), made.instructionSent(), made.seed(), image).chunks());
    }

    private Provenance provenance(JobSpec spec, String instruction, long seed, BufferedImage image) {
        return new Provenance(instruction, seed, spec.steps(), spec.guidance(), image.getWidth(), image.getHeight(),
                engine.model().label(), engine.model().precision(), software);
    }

    /**
     * What the user typed for one step: a compound request carries its parts one per line (in the order of the
     * steps), so each version is labelled by its own instruction; anything else is labelled by the whole text.
     */
    static String typedPart(JobSpec spec, int step, int steps) {
        String[] parts = spec.instructionTyped().split(EditService.STEP_SEPARATOR, -1);
        return steps > 1 && parts.length == steps ? parts[step] : spec.instructionTyped();
    }

    /** Measures the new version against the root of its tree; a failure here never fails the job. */
    private void recordDrift(String conv, BlobStore blobs, Version stored, BufferedImage image) {
        try {
            Version root = stored;
            while (root.parentId() != null) {
                Optional<Version> parent = store.find(conv, root.parentId());
                if (parent.isEmpty()) {
                    return;
                }
                root = parent.get();
            }
            if (root == stored) {
                return;
            }
            Optional<byte[]> rootPng = blobs.png(root.imageBlob());
            if (rootPng.isPresent()) {
                store.driftLog().record(conv, stored.id(),
                        driftMeasure.measure(decoder.decode(rootPng.get()), image).encode());
            }
        } catch (InferenceException | RuntimeException e) {
            log.warn("Could not measure the drift of {}: {}", stored.label(), e.getMessage());
        }
    }

    /** A region the worker cannot use is the request's fault: a plain answer, never retried as worker_error. */
    private RegionEdit regionEdit(String encoded, BufferedImage base) {
        try {
            Box box = RegionSpec.parse(encoded).box(base.getWidth(), base.getHeight());
            return new RegionEdit(EditRegion.ofBox(box, base.getWidth(), base.getHeight()), resizer);
        } catch (InferenceException e) {
            throw new dev.kontextbot.conversation.jobs.InvalidJobException(e.getMessage());
        }
    }

    /** The storing part of a job, on the worker's finishing thread, with the same error mapping as the rest. */
    private JobOutcome finishing(JobSpec spec, java.util.function.Supplier<Version> storeResult) {
        MDC.put("conv", spec.conversationId());
        try {
            Version stored = storeResult.get();
            log.info("Job {} stored {}", spec.jobId(), stored.label());
            return new JobOutcome.Succeeded(stored.id());
        } catch (ConversationException e) {
            return new JobOutcome.Failed(JobFailure.refused(e.refusal()), false);
        } catch (QuotaExceededException e) {
            return new JobOutcome.Failed(new JobFailure.QuotaFull(e), false);
        } catch (StoreUnavailableException e) {
            return new JobOutcome.Failed(new JobFailure.StoreOutage(), true);
        } finally {
            MDC.remove("conv");
        }
    }

    /**
     * The stored latents of {@code v} when an edit of it may use them: the installed family made them (another
     * family's latents have another layout and meaning: its picture is encoded again instead), its size is its own
     * context size (so the engine would resize the picture to exactly that size) and the job asks for no other
     * output size.
     */
    private Optional<float[]> reusableLatents(JobSpec spec, Version v, BlobStore blobs) {
        ModelFamily family = engine.model().family();
        if (v.latentBlob() == null || !v.madeBy(family.id()) || !latentsReusable(spec, v.width(), v.height())) {
            return Optional.empty();
        }
        int factor = family.latentFactor();
        int expected = family.latentChannels() * (v.height() / factor) * (v.width() / factor);
        return blobs.latents(v.latentBlob()).filter(l -> l.length == expected);
    }

    private boolean latentsReusable(JobSpec spec, int width, int height) {
        boolean sameOutput = spec.width() == null || (spec.width() == width && spec.height() == height);
        return sameOutput && isContextSize(width, height);
    }

    /** Whether the engine would take a picture of this size as its context at exactly this size. */
    private boolean isContextSize(int width, int height) {
        Bucket b = engine.contextSize(width, height);
        return b.width() == width && b.height() == height;
    }

    /**
     * One step's request: from the context's latents when they can be fed as they are (no references, no local
     * edit, a bucket size), else from its picture, with references as their own context groups (encoded
     * separately, ids offset past the picture; more than the engine takes fall back to one side-by-side collage).
     */
    private EditRequest request(JobSpec spec, String prompt, long seed, StepContext context,
                                List<BufferedImage> references, Optional<Bucket> outputSize,
                                Optional<RegionEdit> local) {
        if (context.latents().isPresent() && references.isEmpty() && local.isEmpty()
                && latentsReusable(spec, context.width(), context.height())) {
            return new EditRequest(prompt, Optional.empty(), context.latents(), seed, spec.steps(), spec.guidance(),
                    Optional.of(context.width()), Optional.of(context.height()), Optional.empty());
        }
        Optional<BufferedImage> edited = context.image().map(image -> local.map(l -> l.context(image)).orElse(image));
        boolean groups = references.size() <= EditRequest.MAX_REFERENCES;
        Optional<BufferedImage> picture = groups ? edited : edited.map(image -> {
            List<BufferedImage> all = new ArrayList<>();
            all.add(image);
            all.addAll(references);
            return collage.sideBySide(all);
        });
        Optional<Integer> width = Optional.ofNullable(spec.width()).or(() -> outputSize.map(Bucket::width));
        Optional<Integer> height = Optional.ofNullable(spec.height()).or(() -> outputSize.map(Bucket::height));
        return new EditRequest(prompt, picture, Optional.empty(), seed, spec.steps(), spec.guidance(),
                width, height, Optional.empty(), groups && picture.isPresent() ? references : List.of());
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
