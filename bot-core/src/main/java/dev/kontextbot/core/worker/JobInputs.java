package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.InvalidJobException;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.Region;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.region.RegionSpec;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.inference.pipeline.PreparedRequest;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.EditRegion;
import dev.kontextbot.inference.region.RegionEdit;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepares a job's inputs while the previous job still uses the device: loads the base and the references,
 * decodes what a run needs in pixels, reuses stored latents where it can, places the region and prepares the first
 * run (tokenizing, resizing).
 */
public final class JobInputs {

    private final KontextEngine engine;
    private final ConversationStore store;
    private final ImageDecoder decoder;
    private final LanczosResizer resizer;
    private final StepRequests requests;

    public JobInputs(KontextEngine engine, ConversationStore store, ImageDecoder decoder, LanczosResizer resizer,
              StepRequests requests) {
        this.engine = engine;
        this.store = store;
        this.decoder = decoder;
        this.resizer = resizer;
        this.requests = requests;
    }

    PreparedJob prepare(JobSpec spec) throws InferenceException {
        EditRecipe recipe = spec.recipe();
        BlobStore blobs = store.blobs(spec.conversationId(), spec.userId());
        Optional<Version> base = recipe.kind() == JobKind.EDIT && recipe.baseVersionId() != null
                ? store.find(spec.conversationId(), recipe.baseVersionId()) : Optional.empty();
        if (recipe.kind() == JobKind.EDIT && base.isEmpty()) {
            throw new ConversationException(ConversationException.Reason.VERSION_NOT_FOUND,
                    "The picture to edit is no longer stored.");
        }
        List<BufferedImage> references = new ArrayList<>();
        for (String blobId : recipe.references()) {
            blobs.png(blobId).ifPresent(bytes -> references.add(decodeStored(bytes)));
        }
        // A plain edit of a stored result starts from its latents: no VAE encoder run, and no VAE round-trip
        // loss compounding over a long conversation. A local edit works on a crop, so it needs the pixels.
        Optional<float[]> baseLatents = base.filter(v -> references.isEmpty() && recipe.localRegion().isEmpty())
                .flatMap(v -> reusableLatents(spec, v, blobs));
        // The pixels are decoded only when a run needs them: no latents, or keep-untouched compares with them.
        boolean needsPixels = baseLatents.isEmpty() || recipe.keepUntouched();
        Optional<BufferedImage> baseImage = needsPixels ? base.map(v -> decodeStored(blobs.png(v.imageBlob())
                .orElseThrow(() -> new ConversationException(ConversationException.Reason.IMAGE_MISSING,
                        "The picture of " + v.label() + " is no longer stored.")))) : Optional.empty();
        Optional<RegionEdit> local = recipe.localRegion().map(r -> regionEdit(r, baseImage.orElseThrow()));
        // With references beside it, the result keeps the size of the picture being edited (a local edit's crop
        // takes its own bucket and is scaled back).
        Optional<Bucket> outputSize = baseImage.filter(i -> !references.isEmpty() && local.isEmpty())
                .map(i -> engine.contextSize(i.getWidth(), i.getHeight()));
        StepContext context = new StepContext(baseImage, baseLatents, base.map(Version::width).orElse(0),
                base.map(Version::height).orElse(0));
        JobRuns runs = new JobRuns(spec);
        PreparedRequest first;
        try {
            first = engine.prepare(requests.request(spec, runs.step(0).sent(), runs.seed(0), context, references,
                    outputSize, local));
        } catch (InferenceException e) {
            if (e.code() != InferenceException.Code.INVALID_REQUEST) {
                throw e;
            }
            // The model's refusal of this request ("each side must be at least 64 pixels") in its own words:
            // running it again would meet the same.
            throw new InvalidJobException(e.getMessage());
        }
        return new PreparedJob(first, base, context, references, outputSize, local);
    }

    /** A region the worker cannot use is the request's fault: a plain answer, never retried as worker_error. */
    private RegionEdit regionEdit(Region region, BufferedImage base) {
        try {
            Box box = RegionSpec.from(region).box(base.getWidth(), base.getHeight());
            return new RegionEdit(EditRegion.ofBox(box, base.getWidth(), base.getHeight()), resizer);
        } catch (InferenceException e) {
            throw new InvalidJobException(e.getMessage());
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
        if (v.latentBlob() == null || !v.madeBy(family.id()) || !requests.latentsReusable(spec, v.width(), v.height())) {
            return Optional.empty();
        }
        int factor = family.latentFactor();
        int expected = family.latentChannels() * (v.height() / factor) * (v.width() / factor);
        return blobs.latents(v.latentBlob()).filter(l -> l.length == expected);
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
