package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import java.util.Map;

/**
 * Kontext's transformer inside the shared loop ({@link EulerSampler}): for each step, x goes into the hidden-states
 * buffer (the context tokens behind it were written once), one session run writes the velocity into a pinned output
 * buffer. Nothing big is allocated per step.
 */
final class Denoiser {

    static final int TOKEN_DIM = 64;
    static final int TEXT_TOKENS = 512;
    private static final int ID_AXES = 3;

    private final OrtEnvironment env;
    private final SessionRunner transformer;
    private final ElementType hiddenType;
    private final ElementType timestepType;
    private final ElementType guidanceType;
    private final ElementType imgIdsType;
    private final ElementType outputType;
    // txt_ids [512,3]: zeros, the same for every job.
    private final TensorBuffer txtIds;

    private final BufferPool pool;
    // The step's scalar inputs are tiny and rewritten every step.
    private final TensorBuffer timestep;
    private final TensorBuffer guidanceBuf;

    Denoiser(OrtEnvironment env, SessionRunner transformer, BufferPool pool) throws InferenceException {
        this.env = env;
        this.pool = pool;
        this.transformer = transformer;
        OrtSession s = transformer.session();
        String m = transformer.model();
        this.hiddenType = ElementType.ofInput(s, m, "hidden_states");
        ElementType.ofInput(s, m, "encoder_hidden_states");
        ElementType.ofInput(s, m, "pooled_projections");
        this.timestepType = ElementType.ofInput(s, m, "timestep");
        this.guidanceType = ElementType.ofInput(s, m, "guidance");
        this.imgIdsType = ElementType.ofInput(s, m, "img_ids");
        this.txtIds = new TensorBuffer(ElementType.ofInput(s, m, "txt_ids"), (long) TEXT_TOKENS * ID_AXES);
        this.outputType = ElementType.ofOutput(s, m, "latent");
        this.timestep = new TensorBuffer(timestepType, 1);
        this.guidanceBuf = new TensorBuffer(guidanceType, 1);
    }

    /**
     * Binds one job's constant inputs (the context tokens behind x, the ids, the text, the guidance) for the loop.
     *
     * @param inputs N, packed context tokens [1,Nc,64] and ids [(N+Nc),3]: (0,i,j) rows for the noise, then the
     *               context's
     */
    FamilyPipeline.Velocity bind(TransformerInputs inputs, TextEmbeddings text, double guidance)
            throws InferenceException {
        int n = inputs.noiseTokens();
        float[] context = inputs.context();
        float[] imgIds = inputs.ids();
        int nc = context.length / TOKEN_DIM;
        int s = n + nc;
        int xLen = n * TOKEN_DIM;
        long[] hiddenShape = {1, s, TOKEN_DIM};
        long[] scalarShape = {1};

        // Constant for the whole job: the context tokens behind x, the ids, the guidance.
        TensorBuffer hidden = pool.get(BufferPool.Role.HIDDEN_STATES, hiddenType, (long) s * TOKEN_DIM);
        hidden.putFloats(xLen, context, 0, context.length);
        TensorBuffer ids = pool.get(BufferPool.Role.IMG_IDS, imgIdsType, (long) s * ID_AXES);
        ids.putFloats(0, imgIds, 0, imgIds.length);
        guidanceBuf.putFloat(0, (float) guidance);
        TensorBuffer velocity = pool.get(BufferPool.Role.VELOCITY, outputType, (long) s * TOKEN_DIM);
        Tensors bound = new Tensors();
        try {
            OnnxTensor idsT = bound.add(ids.tensor(env, new long[] {s, ID_AXES}));
            OnnxTensor txtIdsT = bound.add(txtIds.tensor(env, new long[] {TEXT_TOKENS, ID_AXES}));
            OnnxTensor t5T = bound.add(text.hidden().tensor(env,
                    new long[] {1, TEXT_TOKENS, text.hidden().count() / TEXT_TOKENS}));
            OnnxTensor pooledT = bound.add(text.pooled().tensor(env, new long[] {1, text.pooled().count()}));
            OnnxTensor guidanceT = bound.add(guidanceBuf.tensor(env, scalarShape));
            OnnxTensor velocityT = bound.add(velocity.tensor(env, hiddenShape));
            Map<String, OnnxTensor> pinned = Map.of("latent", velocityT);
            return new FamilyPipeline.Velocity() {
                @Override
                public void predict(float[] x, double sigma, float[] v) throws InferenceException {
                    // The one copy per step: x into the front of hidden_states (converted to its type).
                    hidden.putFloats(0, x, 0, xLen);
                    timestep.putFloat(0, (float) sigma);
                    try (OnnxTensor hiddenT = hidden.tensor(env, hiddenShape);
                         OnnxTensor timestepT = timestep.tensor(env, scalarShape);
                         OrtSession.Result ignored = transformer.run(Map.of(
                                 "hidden_states", hiddenT,
                                 "encoder_hidden_states", t5T,
                                 "pooled_projections", pooledT,
                                 "timestep", timestepT,
                                 "img_ids", idsT,
                                 "txt_ids", txtIdsT,
                                 "guidance", guidanceT), pinned)) {
                        // Keep the first N tokens of the prediction: the context tokens' velocity is dropped.
                        velocity.getFloats(0, v, 0, xLen);
                    } catch (OrtException e) {
                        throw tensorsFailed(e);
                    }
                }

                @Override
                public void close() {
                    bound.close();
                }
            };
        } catch (OrtException e) {
            bound.close();
            throw tensorsFailed(e);
        }
    }

    static InferenceException tensorsFailed(OrtException e) {
        return new InferenceException(InferenceException.Code.INTERNAL,
                "Could not create the transformer's input tensors: " + e.getMessage(), e);
    }
}
