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
import dev.kontextbot.core.service.EditService;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.drift.DriftMeter;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.EditRegion;
import dev.kontextbot.inference.region.RegionEdit;
import dev.kontextbot.inference.region.UntouchedPixels;
import dev.kontextbot.core.service.RegionSpec;
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

    private final KontextEngine engine;
    private final ConversationStore store;
    private final ImageDecoder decoder;
    private final PngCodec png;
    private final ContextCollage collage;
    private final LanczosResizer resizer = new LanczosResizer();
    private final DriftMeter driftMeter = new DriftMeter(resizer);
    private final UntouchedPixels untouched = new UntouchedPixels(resizer);
    private final Timer jobTimer;
    private final Timer stepTimer;

    public EditJobHandler(KontextEngine engine, ConversationStore store, ImageDecoder decoder, PngCodec png,
                          ContextCollage collage, MeterRegistry registry) {
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
                    Optional<BufferedImage> baseImage, List<BufferedImage> references, Optional<Bucket> outputSize,
                    Optional<RegionEdit> local) {
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
            Optional<BufferedImage> baseImage = base.map(v -> decodeStored(blobs.png(v.imageBlob())
                    .orElseThrow(() -> new ConversationException(ConversationException.Reason.IMAGE_MISSING,
                            "The picture of " + v.label() + " is no longer stored."))));
            Optional<RegionEdit> local = spec.region() == null ? Optional.empty()
                    : Optional.of(regionEdit(spec.region(), baseImage.orElseThrow()));
            // With references stitched beside it, the result keeps the size of the picture being edited (a local
            // edit's crop takes its own bucket and is scaled back).
            Optional<Bucket> outputSize = baseImage.filter(i -> !references.isEmpty() && local.isEmpty())
                    .map(i -> Buckets.choose(i.getWidth(), i.getHeight()));
            PreparedRequest first = engine.prepare(request(spec, instructions.getFirst(), spec.seed(), baseImage,
                    references, outputSize, local));
            return new Prepared(first, instructions, base, baseImage, references, outputSize, local);
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
            // Variations run one instruction again with the next seeds, each a sibling; a compound edit chains.
            boolean siblings = spec.variations() != null && spec.variations() > 1
                    && prepared.instructions().size() == 1;
            int runs = siblings ? spec.variations() : prepared.instructions().size();
            int total = stepsPerEdit * runs;
            String parentId = prepared.base().map(Version::id).orElse(null);
            PreparedRequest next = prepared.first();
            Optional<BufferedImage> stepBase = prepared.baseImage();
            Version last;
            for (int i = 0; i < runs; i++) {
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
                String instruction = prepared.instructions().get(siblings ? 0 : i);
                long seed = siblings ? spec.seed() + i : spec.seed();
                String parent = parentId;
                Optional<BufferedImage> original = stepBase;
                // A local edit's latents are the crop's, not the picture's: none are stored for it.
                Result stored = prepared.local()
                        .map(l -> new Result(l.compose(original.orElseThrow(), result.image()), null))
                        .or(() -> keptUntouched(spec, original, result))
                        .orElseGet(() -> new Result(result.image(), result.latents()));
                if (i + 1 == runs) {
                    // The device is free now: encoding and storing the result overlap the next job.
                    return new JobOutcome.Finishing(() -> finishing(spec, () -> store(spec, blobs, parent,
                            instruction, seed, stored, stepJobId)));
                }
                last = store(spec, blobs, parent, instruction, seed, stored, stepJobId);
                if (!siblings) {
                    parentId = last.id();
                    stepBase = Optional.of(stored.image());
                }
                next = engine.prepare(request(spec, prepared.instructions().get(siblings ? 0 : i + 1),
                        siblings ? seed + 1 : spec.seed(), stepBase, prepared.references(), prepared.outputSize(),
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
            return new JobOutcome.Failed(e.reason().name().toLowerCase(Locale.ROOT), e.getMessage(), false);
        } catch (StoreUnavailableException e) {
            return new JobOutcome.Failed("store_unavailable", e.getMessage(), true);
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

    private Version store(JobSpec spec, BlobStore blobs, String parentId, String instruction, long seed,
                          Result result, String stepJobId) {
        String imageBlob = blobs.putPng(png.encodePng(result.image()));
        String latentBlob = result.latents() == null ? null : blobs.putLatents(result.latents());
        Version stored = store.append(spec.conversationId(), new NewVersion(parentId, spec.instructionTyped(),
                instruction, seed, spec.steps(), spec.guidance(), result.image().getWidth(),
                result.image().getHeight(), imageBlob, latentBlob, spec.userId(), stepJobId));
        recordDrift(spec.conversationId(), blobs, stored, result.image());
        return stored;
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
                        driftMeter.measure(decoder.decode(rootPng.get()), image).encode());
            }
        } catch (InferenceException | RuntimeException e) {
            log.warn("Could not measure the drift of {}: {}", stored.label(), e.getMessage());
        }
    }

    private RegionEdit regionEdit(String encoded, BufferedImage base) throws InferenceException {
        Box box = RegionSpec.parse(encoded).box(base.getWidth(), base.getHeight());
        return new RegionEdit(EditRegion.ofBox(box, base.getWidth(), base.getHeight()), resizer);
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

    private EditRequest request(JobSpec spec, String prompt, long seed, Optional<BufferedImage> base,
                                List<BufferedImage> references, Optional<Bucket> outputSize,
                                Optional<RegionEdit> local) {
        Optional<BufferedImage> edited = base.map(image -> local.map(l -> l.context(image)).orElse(image));
        // References are their own context groups (encoded separately, ids offset past the picture); more than the
        // engine takes fall back to one side-by-side collage.
        boolean groups = references.size() <= EditRequest.MAX_REFERENCES;
        Optional<BufferedImage> context = groups ? edited : edited.map(image -> {
            List<BufferedImage> all = new ArrayList<>();
            all.add(image);
            all.addAll(references);
            return collage.sideBySide(all);
        });
        Optional<Integer> width = Optional.ofNullable(spec.width()).or(() -> outputSize.map(Bucket::width));
        Optional<Integer> height = Optional.ofNullable(spec.height()).or(() -> outputSize.map(Bucket::height));
        return new EditRequest(prompt, context, Optional.empty(), seed, spec.steps(), spec.guidance(),
                width, height, Optional.empty(), groups && context.isPresent() ? references : List.of());
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
