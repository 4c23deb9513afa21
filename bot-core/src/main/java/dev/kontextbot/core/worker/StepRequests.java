package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.OutputSize;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.region.RegionEdit;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds each run's request for the engine, and knows when a picture's latents can be fed as they are. */
public final class StepRequests {

    private final KontextEngine engine;
    private final ContextCollage collage;

    public StepRequests(KontextEngine engine, ContextCollage collage) {
        this.engine = engine;
        this.collage = collage;
    }

    /**
     * One run's request: from the context's latents when they can be fed as they are (no references, no local
     * edit, a bucket size), else from its picture, with references as their own context groups (encoded
     * separately, ids offset past the picture; more than the engine takes fall back to one side-by-side collage).
     */
    EditRequest request(JobSpec spec, String prompt, long seed, StepContext context, PreparedJob inputs) {
        return request(spec, prompt, seed, context, inputs.references(), inputs.outputSize(), inputs.local());
    }

    EditRequest request(JobSpec spec, String prompt, long seed, StepContext context, List<BufferedImage> references,
                        Optional<Bucket> outputSize, Optional<RegionEdit> local) {
        Sampling sampling = spec.sampling();
        if (context.latents().isPresent() && references.isEmpty() && local.isEmpty()
                && latentsReusable(spec, context.width(), context.height())) {
            return new EditRequest(prompt, Optional.empty(), context.latents(), seed, sampling.steps(),
                    sampling.guidance(), Optional.of(context.width()), Optional.of(context.height()), Optional.empty());
        }
        Optional<BufferedImage> edited = context.image().map(image -> local.map(l -> l.context(image)).orElse(image));
        boolean groups = references.size() <= EditRequest.MAX_REFERENCES;
        Optional<BufferedImage> picture = groups ? edited : edited.map(image -> {
            List<BufferedImage> all = new ArrayList<>();
            all.add(image);
            all.addAll(references);
            return collage.sideBySide(all);
        });
        Optional<Integer> width = sampling.outputSize().map(OutputSize::width).or(() -> outputSize.map(Bucket::width));
        Optional<Integer> height = sampling.outputSize().map(OutputSize::height)
                .or(() -> outputSize.map(Bucket::height));
        return new EditRequest(prompt, picture, Optional.empty(), seed, sampling.steps(), sampling.guidance(),
                width, height, Optional.empty(), groups && picture.isPresent() ? references : List.of());
    }

    /** Latents of a {@code width} x {@code height} picture are usable when the job asks for no other size. */
    boolean latentsReusable(JobSpec spec, int width, int height) {
        boolean sameOutput = spec.sampling().outputSize().map(s -> s.width() == width && s.height() == height)
                .orElse(true);
        return sameOutput && isContextSize(width, height);
    }

    /** Whether the engine would take a picture of this size as its context at exactly this size. */
    boolean isContextSize(int width, int height) {
        Bucket b = engine.contextSize(width, height);
        return b.width() == width && b.height() == height;
    }
}
