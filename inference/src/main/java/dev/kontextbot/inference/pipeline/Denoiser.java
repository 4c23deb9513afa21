package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The sampling loop around the transformer: for each step, x goes into the hidden-states buffer (the context
 * tokens behind it were written once), one session run writes the velocity into a pinned output buffer, and the
 * Euler update {@code x += (sigma[i+1] - sigma[i]) * v[:N]} runs in place. Nothing big is allocated per step.
 */
final class Denoiser {

    static final int TOKEN_DIM = 64;
    static final int TEXT_TOKENS = 512;
    private static final int ID_AXES = 3;

    /** Called after each step with the 1-based step number and the current packed latents [1,N,64]. */
    interface StepObserver {
        void afterStep(int step, float[] x) throws InferenceException;
    }

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
     * Denoises {@code x} in place.
     *
     * @param x         packed noise [1,N,64], becomes the final packed latents
     * @param n         N, noise tokens
     * @param context   packed context tokens [1,Nc,64] (length 0 for text-to-image)
     * @param imgIds    ids [(N+Nc),3]: (0,i,j) rows for the noise, then (1,i,j) rows for the context
     * @param sigmas    steps+1 values, the last 0
     */
    void run(float[] x, int n, float[] context, float[] imgIds, TextEmbeddings text, double[] sigmas,
             double guidance, StepObserver observer, BooleanSupplier cancelled) throws InferenceException {
        int nc = context.length / TOKEN_DIM;
        int s = n + nc;
        int xLen = n * TOKEN_DIM;
        int steps = sigmas.length - 1;
        long[] hiddenShape = {1, s, TOKEN_DIM};
        long[] scalarShape = {1};

        // Constant for the whole job: the context tokens behind x, the ids, the guidance.
        TensorBuffer hidden = pool.get(BufferPool.Role.HIDDEN_STATES, hiddenType, (long) s * TOKEN_DIM);
        hidden.putFloats(xLen, context, 0, context.length);
        TensorBuffer ids = pool.get(BufferPool.Role.IMG_IDS, imgIdsType, (long) s * ID_AXES);
        ids.putFloats(0, imgIds, 0, imgIds.length);
        guidanceBuf.putFloat(0, (float) guidance);
        TensorBuffer velocity = pool.get(BufferPool.Role.VELOCITY, outputType, (long) s * TOKEN_DIM);
        float[] v = new float[xLen];

        try (OnnxTensor idsT = ids.tensor(env, new long[] {s, ID_AXES});
             OnnxTensor txtIdsT = txtIds.tensor(env, new long[] {TEXT_TOKENS, ID_AXES});
             OnnxTensor t5T = text.t5().tensor(env, new long[] {1, TEXT_TOKENS, text.t5().count() / TEXT_TOKENS});
             OnnxTensor pooledT = text.pooled().tensor(env, new long[] {1, text.pooled().count()});
             OnnxTensor guidanceT = guidanceBuf.tensor(env, scalarShape);
             OnnxTensor velocityT = velocity.tensor(env, hiddenShape)) {
            Map<String, OnnxTensor> pinned = Map.of("latent", velocityT);
            for (int i = 0; i < steps; i++) {
                if (cancelled.getAsBoolean()) {
                    throw new InferenceException(InferenceException.Code.CANCELLED,
                            "The edit was cancelled after " + i + " of " + steps + " steps.");
                }
                // The one copy per step: x into the front of hidden_states (converted to its type).
                hidden.putFloats(0, x, 0, xLen);
                timestep.putFloat(0, (float) sigmas[i]);
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
                }
                double dt = sigmas[i + 1] - sigmas[i];
                for (int k = 0; k < xLen; k++) {
                    x[k] = (float) (x[k] + dt * v[k]);
                }
                observer.afterStep(i + 1, x);
            }
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not create the transformer's input tensors: " + e.getMessage(), e);
        }
    }
}
