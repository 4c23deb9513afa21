package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.KleinPackage;
import java.util.Map;

/**
 * klein's transformer inside the shared loop ({@link EulerSampler}): the context tokens, ids, text and a pinned
 * output are bound once per job; each step writes x in front of the context tokens and the sigma as timestep, and
 * keeps only the output tokens' rows of the prediction. No guidance input (the model is distilled without it).
 */
final class KleinTransformer {

    private static final int D = KleinPackage.TOKEN_DIM;
    private static final int AXES = KleinPackage.ID_AXES;
    private static final int TEXT = KleinPackage.TEXT_TOKENS;

    private final OrtEnvironment env;
    private final SessionRunner transformer;
    private final BufferPool pool;
    private final ElementType hiddenType;
    private final ElementType textTarget;
    private final ElementType imgIdsType;
    private final ElementType outputType;
    private final TensorBuffer timestep;
    private final TensorBuffer txtIds;

    KleinTransformer(OrtEnvironment env, SessionRunner transformer, BufferPool pool) throws InferenceException {
        this.env = env;
        this.transformer = transformer;
        this.pool = pool;
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
    }

    /** The type the text embeddings must have ({@code encoder_hidden_states}). */
    ElementType textType() {
        return textTarget;
    }

    FamilyPipeline.Velocity bind(TransformerInputs inputs, TextEmbeddings text) throws InferenceException {
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
            return new FamilyPipeline.Velocity() {
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
}
