package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OrtEnvironment;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.Previews;
import dev.kontextbot.inference.latent.LatentPacking;
import dev.kontextbot.inference.model.ExecutionProviders;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.model.ShapeProfiles;
import dev.kontextbot.inference.schedule.FlowMatchSchedule;
import dev.kontextbot.inference.text.ClipTokenizer;
import dev.kontextbot.inference.text.T5Tokenizer;
import dev.kontextbot.inference.text.TokenizedText;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FLUX.1 Kontext [dev]: CLIP and T5 text, contexts resized to BFL's preferred-resolution buckets, a 16-channel VAE
 * at 1/8 packed 2x2 into 64-feature tokens, ids (plane, h, w), the shifted flow-match schedule and a guidance input.
 */
final class KontextPipeline implements FamilyPipeline {

    private final ContextSizing sizing;
    private final ClipTokenizer clipTokenizer;
    private final T5Tokenizer t5Tokenizer;
    private final TextEncoder textEncoder;
    private final ContextEncoder contextEncoder;
    private final Denoiser denoiser;
    private final LatentDecoder latentDecoder;
    private final ExecutionProviders.Device device;
    /** The sizes this engine accepts on a GPU: the request limits capped by the memory plan (TensorRT's profiles). */
    private final ShapeProfiles profiles;
    private final LanczosResizer resizer = new LanczosResizer();
    private final Previews previews = new Previews();

    KontextPipeline(SessionSet sessions, ContextSizing sizing, ClipTokenizer clipTokenizer, T5Tokenizer t5Tokenizer,
                    ExecutionProviders.Device device, ShapeProfiles profiles) throws InferenceException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        this.sizing = sizing;
        this.clipTokenizer = clipTokenizer;
        this.t5Tokenizer = t5Tokenizer;
        this.device = device;
        this.profiles = profiles;
        BufferPool pool = new BufferPool();
        SessionRunner transformer = sessions.get(ModelInterface.TRANSFORMER);
        this.textEncoder = new TextEncoder(env, sessions.get(ModelInterface.CLIP), sessions.get(ModelInterface.T5),
                transformer);
        this.contextEncoder = new ContextEncoder(env, sessions.get(ModelInterface.VAE_ENCODER), pool);
        this.denoiser = new Denoiser(env, transformer, pool);
        this.latentDecoder = new LatentDecoder(env, sessions.get(ModelInterface.VAE_DECODER), pool);
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.KONTEXT;
    }

    @Override
    public Bucket contextSize(int width, int height) {
        return sizing.choose(width, height);
    }

    @Override
    public PreparedRequest prepare(EditRequest request) throws InferenceException {
        long t0 = System.nanoTime();
        Optional<PreparedRequest.Context> context = context(request);
        List<BufferedImage> references = new ArrayList<>(request.references().size());
        for (BufferedImage picture : request.references()) {
            // Each at its own bucket: aspect kept, no collage squeezing it to a shared height.
            Bucket bucket = sizing.choose(picture.getWidth(), picture.getHeight());
            references.add(resizer.resize(picture, bucket.width(), bucket.height()));
        }
        int[] output = PreparedRequest.Context.outputSize(request, context.map(c -> new int[] {c.width(), c.height()}));
        int width = output[0];
        int height = output[1];
        long contextTokens = context.map(c -> (long) (c.width() / 16) * (c.height() / 16)).orElse(0L);
        if (device != ExecutionProviders.Device.CPU && !profiles.fits(width, height, contextTokens)) {
            throw RequestLimits.invalid("A " + width + "x" + height + " picture with this context is larger than "
                    + "this GPU's memory plan and engines allow (at most "
                    + String.format(java.util.Locale.ROOT, "%.1f", profiles.maxPixels() / 1e6) + " megapixels, "
                    + profiles.maxSequence() + " tokens with the context); use a smaller size.");
        }
        long t1 = System.nanoTime();

        TokenizedText clip = clipTokenizer.encode(request.prompt());
        TokenizedText t5 = t5Tokenizer.encode(request.prompt());
        var tokens = new PreparedRequest.Tokens(request.prompt(), List.of(clip.ids(), t5.ids()),
                clip.truncated() || t5.truncated());

        int h = height / ContextEncoder.VAE_FACTOR;
        int w = width / ContextEncoder.VAE_FACTOR;
        float[] noise = NoiseInput.of(request, ContextEncoder.LATENT_CHANNELS, h, w, width, height);
        float[] x = LatentPacking.pack(noise, ContextEncoder.LATENT_CHANNELS, h, w);
        // mu comes from the noise tokens only; the context tokens do not count.
        double[] sigmas = FlowMatchSchedule.sigmas(request.steps(), (h / 2) * (w / 2));
        long t2 = System.nanoTime();
        return new PreparedRequest(tokens, context, references, width, height, x, sigmas, request.guidance(), t1 - t0,
                t2 - t1);
    }

    private Optional<PreparedRequest.Context> context(EditRequest request) throws InferenceException {
        Optional<float[]> latents = request.contextLatents();
        if (request.contextImage().isPresent()) {
            BufferedImage image = request.contextImage().get();
            Bucket bucket = sizing.choose(image.getWidth(), image.getHeight());
            if (latents.isPresent()) {
                checkLatents(latents.get(), bucket.width(), bucket.height());
                return Optional.of(new PreparedRequest.Context(Optional.empty(), latents, bucket.width(),
                        bucket.height()));
            }
            BufferedImage resized = resizer.resize(image, bucket.width(), bucket.height());
            return Optional.of(new PreparedRequest.Context(Optional.of(resized), Optional.empty(), bucket.width(),
                    bucket.height()));
        }
        return PreparedRequest.Context.fromLatentsAlone(request, family());
    }

    private void checkLatents(float[] latents, int width, int height) throws InferenceException {
        LatentLayout.of(family(), width, height).check(latents);
    }

    @Override
    public TextEmbeddings encodeText(PreparedRequest.Tokens tokens, TextEmbeddingCache buffers)
            throws InferenceException {
        return textEncoder.encode(tokens, buffers);
    }

    @Override
    public TransformerInputs denoiseInputs(PreparedRequest p) throws InferenceException {
        int h = p.height / ContextEncoder.VAE_FACTOR;
        int w = p.width / ContextEncoder.VAE_FACTOR;
        int n = (h / 2) * (w / 2);
        float[] contextTokens = new float[0];
        float[] ids = LatentPacking.imageIds(h / 2, w / 2, 0f);
        if (p.context.isPresent()) {
            PreparedRequest.Context c = p.context.get();
            float[] latents = c.latents().isPresent() ? c.latents().get()
                    : contextEncoder.encode(c.image().orElseThrow());
            ContextGroups groups = new ContextGroups();
            groups.add(latents, c.height(), c.width());
            for (BufferedImage reference : p.references) {
                groups.add(contextEncoder.encode(reference), reference.getHeight(), reference.getWidth());
            }
            contextTokens = groups.tokens();
            float[] ctxIds = groups.ids();
            float[] all = java.util.Arrays.copyOf(ids, ids.length + ctxIds.length);
            System.arraycopy(ctxIds, 0, all, ids.length, ctxIds.length);
            ids = all;
        }
        return new TransformerInputs(n, contextTokens, ids, Denoiser.TOKEN_DIM, 3);
    }

    @Override
    public Velocity velocity(TransformerInputs inputs, TextEmbeddings text, PreparedRequest prepared)
            throws InferenceException {
        return denoiser.bind(inputs, text, prepared.guidance);
    }

    @Override
    public float[] unpack(float[] x, PreparedRequest p) {
        return LatentPacking.unpack(x, ContextEncoder.LATENT_CHANNELS, p.height / ContextEncoder.VAE_FACTOR,
                p.width / ContextEncoder.VAE_FACTOR);
    }

    @Override
    public BufferedImage decode(float[] latents, int width, int height) throws InferenceException {
        return latentDecoder.decode(latents, width, height);
    }

    @Override
    public long postProcessStart() {
        return latentDecoder.postProcessStart();
    }

    @Override
    public BufferedImage preview(float[] x, PreparedRequest p) {
        // Straight from the packed tokens: no unpacked copy per preview.
        return previews.tokenPreview(x, 0, p.height / ContextEncoder.VAE_FACTOR, p.width / ContextEncoder.VAE_FACTOR);
    }

    @Override
    public float[] encodeContext(BufferedImage image) throws InferenceException {
        Bucket bucket = sizing.choose(image.getWidth(), image.getHeight());
        return contextEncoder.encode(resizer.resize(image, bucket.width(), bucket.height()));
    }
}
