package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.ImageTensors;
import dev.kontextbot.inference.image.RgbImages;
import dev.kontextbot.inference.model.KleinPackage;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.schedule.EmpiricalSchedule;
import dev.kontextbot.inference.text.Qwen3PromptTokenizer;
import dev.kontextbot.inference.text.TokenizedText;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    static final int AXES = KleinPackage.ID_AXES;
    static final int TEXT = KleinPackage.TEXT_TOKENS;
    static final int F = KleinPackage.LATENT_FACTOR;
    /** The k-th picture's tokens have t = REF_T_SCALE + REF_T_SCALE * k ({@code encode_image_refs(scale=10)}). */
    static final int REF_T_SCALE = 10;

    private final OrtEnvironment env;
    private final SessionRunner textEncoder;
    private final SessionRunner transformer;
    private final SessionRunner vaeEncoder;
    private final Qwen3PromptTokenizer tokenizer;
    private final RequestLimits limits;
    private final ElementType idsType;
    private final ElementType maskType;
    private final ElementType textTarget;
    private final ElementType hiddenType;
    private final ElementType imgIdsType;
    private final ElementType outputType;
    private final ElementType imageType;
    private final LatentDecoder decoder;
    private final TensorBuffer txtIds;
    private final TensorBuffer timestep;
    private final BufferPool pool = new BufferPool();
    private final KleinPictures pictures = new KleinPictures();
    private final ImageTensors imageTensors = new ImageTensors();

    KleinPipeline(SessionSet sessions, Qwen3PromptTokenizer tokenizer, RequestLimits limits)
            throws InferenceException {
        this.env = OrtEnvironment.getEnvironment();
        this.textEncoder = sessions.get(ModelInterface.T5);
        this.transformer = sessions.get(ModelInterface.TRANSFORMER);
        this.vaeEncoder = sessions.get(ModelInterface.VAE_ENCODER);
        SessionRunner vaeDecoder = sessions.get(ModelInterface.VAE_DECODER);
        this.tokenizer = tokenizer;
        this.limits = limits;
        OrtSession te = textEncoder.session();
        this.idsType = ElementType.ofInput(te, textEncoder.model(), "input_ids");
        this.maskType = ElementType.ofInput(te, textEncoder.model(), "attention_mask");
        ElementType.ofOutput(te, textEncoder.model(), "prompt_embeds");
        OrtSession t = transformer.session();
        String m = transformer.model();
        this.hiddenType = ElementType.ofInput(t, m, "hidden_states");
        this.textTarget = ElementType.ofInput(t, m, "encoder_hidden_states");
        this.imgIdsType = ElementType.ofInput(t, m, "img_ids");
        this.outputType = ElementType.ofOutput(t, m, "noise_pred");
        this.timestep = new TensorBuffer(ElementType.ofInput(t, m, "timestep"), 1);
        // txt_ids [1,512,4]: (0, 0, 0, l), the same for every job.
        long[] text = new long[TEXT * AXES];
        for (int l = 0; l < TEXT; l++) {
            text[l * AXES + 3] = l;
        }
        this.txtIds = new TensorBuffer(ElementType.ofInput(t, m, "txt_ids"), text.length);
        txtIds.putIds(text);
        this.imageType = ElementType.ofInput(vaeEncoder.session(), vaeEncoder.model(), "image");
        ElementType.ofOutput(vaeEncoder.session(), vaeEncoder.model(), "latents");
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
        float[] x = toTokens(noise, h, w);
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

    /** [1,128,h,w] to tokens [1,h*w,128] ({@code "c h w -> (h w) c"}). */
    static float[] toTokens(float[] latents, int h, int w) {
        int n = h * w;
        float[] tokens = new float[n * D];
        for (int c = 0; c < D; c++) {
            int plane = c * n;
            for (int i = 0; i < n; i++) {
                tokens[i * D + c] = latents[plane + i];
            }
        }
        return tokens;
    }

    /** Tokens [1,h*w,128] back to [1,128,h,w]. */
    static float[] toLatents(float[] tokens, int h, int w) {
        int n = h * w;
        float[] latents = new float[n * D];
        for (int i = 0; i < n; i++) {
            int base = i * D;
            for (int c = 0; c < D; c++) {
                latents[c * n + i] = tokens[base + c];
            }
        }
        return latents;
    }

    @Override
    public TextEmbeddings encodeText(PreparedRequest.Tokens tokens, TextEmbeddingCache buffers)
            throws InferenceException {
        TensorBuffer ids = new TensorBuffer(idsType, TEXT);
        ids.putIds(tokens.sequences().get(0));
        TensorBuffer mask = new TensorBuffer(maskType, TEXT);
        mask.putIds(tokens.sequences().get(1));
        long[] shape = {1, TEXT};
        textEncoder.ensureOpen();
        try (OnnxTensor idsT = ids.tensor(env, shape);
             OnnxTensor maskT = mask.tensor(env, shape)) {
            Map<String, OnnxTensor> inputs = Map.of("input_ids", idsT, "attention_mask", maskT);
            if (ElementType.ofOutput(textEncoder.session(), textEncoder.model(), "prompt_embeds") == textTarget) {
                // The transformer's type: ONNX Runtime writes the 15 MB straight into the buffer it will read.
                TensorBuffer embeds = buffers.buffer(textTarget, (long) TEXT * KleinPackage.TEXT_DIM);
                try (OnnxTensor outT = embeds.tensor(env, new long[] {1, TEXT, KleinPackage.TEXT_DIM});
                     OrtSession.Result ignored = textEncoder.run(inputs, Map.of("prompt_embeds", outT))) {
                    return new TextEmbeddings(embeds, null, tokens.truncated());
                }
            }
            try (OrtSession.Result result = textEncoder.run(inputs)) {
                OnnxTensor out = (OnnxTensor) result.get("prompt_embeds").orElseThrow();
                return new TextEmbeddings(TensorBuffer.copyOf(out, textTarget), null, tokens.truncated());
            }
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not run the Qwen3 text encoder: " + e.getMessage(), e);
        } finally {
            // In the low-memory mode the text encoder's weights leave the device until the next text-cache miss.
            textEncoder.release();
        }
    }

    @Override
    public TransformerInputs denoiseInputs(PreparedRequest p) throws InferenceException {
        int h = p.height / F;
        int w = p.width / F;
        int n = h * w;
        List<float[]> groups = new ArrayList<>();
        List<int[]> grids = new ArrayList<>();
        if (p.context.isPresent()) {
            PreparedRequest.Context c = p.context.get();
            float[] latents = c.latents().isPresent() ? c.latents().get() : encode(c.image().orElseThrow());
            groups.add(toTokens(latents, c.height() / F, c.width() / F));
            grids.add(new int[] {c.height() / F, c.width() / F});
            for (BufferedImage reference : p.references) {
                groups.add(toTokens(encode(reference), reference.getHeight() / F, reference.getWidth() / F));
                grids.add(new int[] {reference.getHeight() / F, reference.getWidth() / F});
            }
        }
        int total = 0;
        for (float[] g : groups) {
            total += g.length;
        }
        float[] context = new float[total];
        int at = 0;
        for (float[] g : groups) {
            System.arraycopy(g, 0, context, at, g.length);
            at += g.length;
        }
        float[] ids = new float[(n + total / D) * AXES];
        int row = putGrid(ids, 0, 0, h, w);
        for (int k = 0; k < grids.size(); k++) {
            row = putGrid(ids, row, REF_T_SCALE + REF_T_SCALE * k, grids.get(k)[0], grids.get(k)[1]);
        }
        return new TransformerInputs(n, context, ids, D, AXES);
    }

    /** Rows (t, i, j, 0) for i < h, j < w, row-major, from {@code row}; returns the next row. */
    private static int putGrid(float[] ids, int row, int t, int h, int w) {
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int at = row++ * AXES;
                ids[at] = t;
                ids[at + 1] = i;
                ids[at + 2] = j;
            }
        }
        return row;
    }

    @Override
    public Velocity velocity(TransformerInputs inputs, TextEmbeddings text, PreparedRequest prepared)
            throws InferenceException {
        int n = inputs.noiseTokens();
        float[] context = inputs.context();
        int s = n + context.length / D;
        int xLen = n * D;
        long[] hiddenShape = {1, s, D};
        TensorBuffer hidden = pool.get(BufferPool.Role.HIDDEN_STATES, hiddenType, (long) s * D);
        hidden.putFloats(xLen, context, 0, context.length);
        long[] idValues = new long[s * AXES];
        for (int i = 0; i < idValues.length; i++) {
            idValues[i] = (long) inputs.ids()[i];
        }
        TensorBuffer ids = pool.get(BufferPool.Role.IMG_IDS, imgIdsType, idValues.length);
        ids.putIds(idValues);
        TensorBuffer velocity = pool.get(BufferPool.Role.VELOCITY, outputType, (long) s * D);
        Tensors bound = new Tensors();
        try {
            OnnxTensor idsT = bound.add(ids.tensor(env, new long[] {1, s, AXES}));
            OnnxTensor txtIdsT = bound.add(txtIds.tensor(env, new long[] {1, TEXT, AXES}));
            OnnxTensor textT = bound.add(text.hidden().tensor(env,
                    new long[] {1, TEXT, text.hidden().count() / TEXT}));
            OnnxTensor velocityT = bound.add(velocity.tensor(env, hiddenShape));
            Map<String, OnnxTensor> pinned = Map.of("noise_pred", velocityT);
            return new Velocity() {
                @Override
                public void predict(float[] x, double sigma, float[] v) throws InferenceException {
                    hidden.putFloats(0, x, 0, xLen);
                    timestep.putFloat(0, (float) sigma);
                    try (OnnxTensor hiddenT = hidden.tensor(env, hiddenShape);
                         OnnxTensor timestepT = timestep.tensor(env, new long[] {1});
                         OrtSession.Result ignored = transformer.run(Map.of(
                                 "hidden_states", hiddenT,
                                 "encoder_hidden_states", textT,
                                 "timestep", timestepT,
                                 "img_ids", idsT,
                                 "txt_ids", txtIdsT), pinned)) {
                        // The output tokens' prediction only; the references' rows are dropped.
                        velocity.getFloats(0, v, 0, xLen);
                    } catch (OrtException e) {
                        throw Denoiser.tensorsFailed(e);
                    }
                }

                @Override
                public void close() {
                    bound.close();
                }
            };
        } catch (OrtException e) {
            bound.close();
            throw Denoiser.tensorsFailed(e);
        }
    }

    @Override
    public float[] unpack(float[] x, PreparedRequest p) {
        return toLatents(x, p.height / F, p.width / F);
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
        return encode(pictures.prepare(image, KleinPictures.ONE_PICTURE_PIXELS));
    }

    /** The VAE encoder: a prepared picture [1,3,H,W] in [-1,1] to latents [1,128,H/16,W/16]. */
    private float[] encode(BufferedImage image) throws InferenceException {
        int width = image.getWidth();
        int height = image.getHeight();
        TensorBuffer in = pool.get(BufferPool.Role.VAE_ENCODER_IN, imageType, 3L * width * height);
        if (imageType == ElementType.FLOAT32) {
            imageTensors.toNchw(image, in.floatView());
        } else {
            float[] pixels = imageTensors.toNchw(image);
            in.putFloats(0, pixels, 0, pixels.length);
        }
        try (OnnxTensor t = in.tensor(env, new long[] {1, 3, height, width});
             OrtSession.Result result = vaeEncoder.run(Map.of("image", t))) {
            OnnxTensor out = (OnnxTensor) result.get("latents").orElseThrow();
            long[] shape = out.getInfo().getShape();
            if (shape.length != 4 || shape[1] != D || shape[2] != height / F || shape[3] != width / F) {
                throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                        "The VAE encoder returned latents of shape " + java.util.Arrays.toString(shape)
                                + "; expected [1,128," + height / F + "," + width / F + "].");
            }
            return TensorBuffer.readFloats(out);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not run the VAE encoder: " + e.getMessage(), e);
        }
    }
}
