package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OrtEnvironment;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.RgbImages;
import dev.kontextbot.inference.model.KleinPackage;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.schedule.EmpiricalSchedule;
import dev.kontextbot.inference.text.Qwen3PromptTokenizer;
import dev.kontextbot.inference.text.TokenizedText;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FLUX.2 [klein] 4B as BFL's {@code flux2/sampling.py} and diffusers' {@code Flux2KleinPipeline} run it: Qwen3
 * chat-template text (all 512 rows to the transformer), pictures prepared by {@link KleinPictures} and each encoded on
 * its own by the VAE into 128-channel tokens at 1/16 (the export's encoder already patchifies and normalises),
 * 4-axis ids (t, h, w, l) with the output at t = 0 and the k-th picture at t = 10 + 10k, the empirical schedule,
 * no guidance. Only the output tokens' prediction is used.
 */
final class KleinPipeline implements FamilyPipeline {

    static final int D = KleinPackage.TOKEN_DIM;
    static final int F = KleinPackage.LATENT_FACTOR;

    private final Qwen3PromptTokenizer tokenizer;
    private final RequestLimits limits;
    private final KleinTextEncoder textEncoder;
    private final KleinTransformer transformer;
    private final KleinVaeEncoder vaeEncoder;
    private final LatentDecoder decoder;
    private final KleinPictures pictures = new KleinPictures();

    KleinPipeline(SessionSet sessions, Qwen3PromptTokenizer tokenizer, RequestLimits limits)
            throws InferenceException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SessionRunner textEncoder = sessions.get(ModelInterface.T5);
        SessionRunner transformer = sessions.get(ModelInterface.TRANSFORMER);
        SessionRunner vaeEncoder = sessions.get(ModelInterface.VAE_ENCODER);
        SessionRunner vaeDecoder = sessions.get(ModelInterface.VAE_DECODER);
        this.tokenizer = tokenizer;
        this.limits = limits;
        BufferPool pool = new BufferPool();
        this.textEncoder = new KleinTextEncoder(env, textEncoder);
        this.transformer = new KleinTransformer(env, transformer, pool);
        this.vaeEncoder = new KleinVaeEncoder(env, vaeEncoder, pool);
        this.decoder = new LatentDecoder(env, vaeDecoder, pool, new LatentDecoder.Graph("latents", "image", D, F,
                false));
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.KLEIN;
    }

    @Override
    public Bucket contextSize(int width, int height) {
        int[] prepared = KleinPictures.preparedSize(width, height, KleinPictures.ONE_PICTURE_PIXELS);
        int[] size = fitted(prepared[0], prepared[1]);
        return new Bucket(size[0], size[1]);
    }

    @Override
    public PreparedRequest prepare(EditRequest request) throws InferenceException {
        if (request.guidance() != 0.0 && request.guidance() != EditRequest.DEFAULT_GUIDANCE) {
            throw RequestLimits.invalid(ModelFamily.KLEIN.displayName() + " takes no guidance (it is distilled "
                    + "without it); leave the guidance unset.");
        }
        long t0 = System.nanoTime();
        int count = (request.contextImage().isPresent() || request.contextLatents().isPresent() ? 1 : 0)
                + request.references().size();
        long limit = KleinPictures.limit(count);
        if (request.contextImage().isPresent()) {
            KleinPictures.check(request.contextImage().get(), 0, count);
        }
        for (int i = 0; i < request.references().size(); i++) {
            KleinPictures.check(request.references().get(i), i + 1, count);
        }
        Optional<PreparedRequest.Context> context = context(request, limit);
        List<BufferedImage> references = new ArrayList<>(request.references().size());
        for (BufferedImage picture : request.references()) {
            references.add(pictures.prepare(picture, limit));
        }
        int[] output = PreparedRequest.Context.outputSize(request, context.map(c -> fitted(c.width(), c.height())));
        int width = output[0];
        int height = output[1];
        long t1 = System.nanoTime();

        TokenizedText text = tokenizer.encode(request.prompt());
        var tokens = new PreparedRequest.Tokens(request.prompt(),
                List.of(text.ids(), Qwen3PromptTokenizer.mask(text)), text.truncated());
        int h = height / F;
        int w = width / F;
        float[] noise = NoiseInput.of(request, D, h, w, width, height);
        float[] x = KleinTokenLayout.toTokens(noise, h, w);
        // mu from the output tokens only; the references do not count.
        double[] sigmas = EmpiricalSchedule.sigmas(request.steps(), h * w);
        long t2 = System.nanoTime();
        return new PreparedRequest(tokens, context, references, width, height, x, sigmas, 0.0, t1 - t0, t2 - t1);
    }

    /** The edited picture's prepared size, kept inside the request limits (aspect kept, multiples of 16). */
    private int[] fitted(int width, int height) {
        double scale = Math.min(1.0, (double) limits.maxSide() / Math.max(width, height));
        if (Math.min(width, height) * scale < limits.minSide()) {
            scale = Math.min((double) limits.minSide() / Math.min(width, height),
                    (double) limits.maxSide() / Math.max(width, height));
        }
        if (scale == 1.0) {
            return new int[] {width, height};
        }
        int m = RequestLimits.SIZE_MULTIPLE;
        return new int[] {Math.max(m, (int) (width * scale) / m * m), Math.max(m, (int) (height * scale) / m * m)};
    }

    private Optional<PreparedRequest.Context> context(EditRequest request, long limit) throws InferenceException {
        Optional<float[]> latents = request.contextLatents();
        if (request.contextImage().isPresent()) {
            BufferedImage image = request.contextImage().get();
            int[] size = KleinPictures.preparedSize(image.getWidth(), image.getHeight(), limit);
            if (latents.isPresent()) {
                LatentLayout layout = LatentLayout.of(family(), size[0], size[1]);
                int[] alone = KleinPictures.preparedSize(image.getWidth(), image.getHeight(),
                        KleinPictures.ONE_PICTURE_PIXELS);
                boolean storedAlone = latents.get().length == LatentLayout.of(family(), alone[0], alone[1]).count();
                if (latents.get().length == layout.count()) {
                    return Optional.of(new PreparedRequest.Context(Optional.empty(), latents, size[0], size[1]));
                }
                if (!storedAlone) {
                    layout.check(latents.get());
                }
                // Stored for the picture alone; with further pictures it is capped smaller, so it is encoded again.
            }
            return Optional.of(new PreparedRequest.Context(Optional.of(pictures.prepare(image, limit)),
                    Optional.empty(), size[0], size[1]));
        }
        return PreparedRequest.Context.fromLatentsAlone(request, family());
    }

    @Override
    public TextEmbeddings encodeText(PreparedRequest.Tokens tokens, TextEmbeddingCache buffers)
            throws InferenceException {
        return textEncoder.encode(tokens, buffers, transformer.textType());
    }

    @Override
    public TransformerInputs denoiseInputs(PreparedRequest p) throws InferenceException {
        int h = p.height / F;
        int w = p.width / F;
        List<float[]> groups = new ArrayList<>();
        List<int[]> grids = new ArrayList<>();
        if (p.context.isPresent()) {
            PreparedRequest.Context c = p.context.get();
            float[] latents = c.latents().isPresent() ? c.latents().get() : vaeEncoder.encode(c.image().orElseThrow());
            groups.add(KleinTokenLayout.toTokens(latents, c.height() / F, c.width() / F));
            grids.add(new int[] {c.height() / F, c.width() / F});
            for (BufferedImage reference : p.references) {
                groups.add(KleinTokenLayout.toTokens(vaeEncoder.encode(reference), reference.getHeight() / F,
                        reference.getWidth() / F));
                grids.add(new int[] {reference.getHeight() / F, reference.getWidth() / F});
            }
        }
        int total = 0;
        for (float[] g : groups) {
            total += g.length;
        }
        // The context tokens [1,sum(Nc_k),128], in order behind the output tokens.
        float[] context = new float[total];
        int at = 0;
        for (float[] g : groups) {
            System.arraycopy(g, 0, context, at, g.length);
            at += g.length;
        }
        return new TransformerInputs(h * w, context, KleinPositionIds.of(h, w, grids), D, KleinPackage.ID_AXES);
    }

    @Override
    public Velocity velocity(TransformerInputs inputs, TextEmbeddings text, PreparedRequest prepared)
            throws InferenceException {
        return transformer.bind(inputs, text);
    }

    @Override
    public float[] unpack(float[] x, PreparedRequest p) {
        return KleinTokenLayout.toLatents(x, p.height / F, p.width / F);
    }

    @Override
    public BufferedImage decode(float[] latents, int width, int height) throws InferenceException {
        return decoder.decode(latents, width, height);
    }

    @Override
    public long postProcessStart() {
        return decoder.postProcessStart();
    }

    /** The first three of each token's 128 features as RGB, one pixel per token. */
    @Override
    public BufferedImage preview(float[] x, PreparedRequest p) {
        int h = p.height / F;
        int w = p.width / F;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = RgbImages.pixels(out);
        for (int i = 0; i < h * w; i++) {
            int base = i * D;
            px[i] = previewByte(x[base]) << 16 | previewByte(x[base + 1]) << 8 | previewByte(x[base + 2]);
        }
        return out;
    }

    private static int previewByte(float v) {
        float u = (v + 1f) * 127.5f;
        return u <= 0f || Float.isNaN(u) ? 0 : u >= 255f ? 255 : Math.round(u);
    }

    @Override
    public float[] encodeContext(BufferedImage image) throws InferenceException {
        KleinPictures.check(image, 0, 1);
        return vaeEncoder.encode(pictures.prepare(image, KleinPictures.ONE_PICTURE_PIXELS));
    }
}
