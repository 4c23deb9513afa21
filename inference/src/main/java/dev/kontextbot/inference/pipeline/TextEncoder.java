package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.kontextbot.inference.InferenceException;
import java.util.Map;

/**
 * CLIP (pooled output) and T5 (last hidden state) for one prompt, converted once into the transformer's input
 * types (the engine keeps them in its {@link TextEmbeddingCache}). No attention mask is passed to either encoder (the reference
 * attends to padding too).
 */
final class TextEncoder {

    private final OrtEnvironment env;
    private final SessionRunner clip;
    private final SessionRunner t5;
    private final ElementType clipIdsType;
    private final ElementType t5IdsType;
    private final ElementType pooledTarget;
    private final ElementType t5Target;

    TextEncoder(OrtEnvironment env, SessionRunner clip, SessionRunner t5, SessionRunner transformer)
            throws InferenceException {
        this.env = env;
        this.clip = clip;
        this.t5 = t5;
        this.clipIdsType = ElementType.ofInput(clip.session(), clip.model(), "input_ids");
        this.t5IdsType = ElementType.ofInput(t5.session(), t5.model(), "input_ids");
        ElementType.ofOutput(clip.session(), clip.model(), "pooled_embeddings");
        ElementType.ofOutput(t5.session(), t5.model(), "text_embeddings");
        this.pooledTarget = ElementType.ofInput(transformer.session(), transformer.model(), "pooled_projections");
        this.t5Target = ElementType.ofInput(transformer.session(), transformer.model(), "encoder_hidden_states");
    }

    /** The output's declared shape with batch 1, or null when another axis is dynamic. */
    private static long[] staticShape(SessionRunner runner, String output) throws InferenceException {
        try {
            var info = runner.session().getOutputInfo().get(output);
            if (info == null || !(info.getInfo() instanceof TensorInfo tensor)) {
                return null;
            }
            long[] shape = tensor.getShape().clone();
            shape[0] = 1;
            for (int i = 1; i < shape.length; i++) {
                if (shape[i] <= 0) {
                    return null;
                }
            }
            return shape;
        } catch (OrtException e) {
            return null;
        }
    }

    /** Runs CLIP and T5 ({@code tokens.sequences()}: the CLIP ids, then the T5 ids). */
    TextEmbeddings encode(PreparedRequest.Tokens tokens, TextEmbeddingCache buffers) throws InferenceException {
        TensorBuffer pooled = runEncoder(clip, clipIdsType, tokens.sequences().get(0), "pooled_embeddings",
                pooledTarget, buffers);
        TensorBuffer hidden;
        t5.ensureOpen();
        try {
            hidden = runEncoder(t5, t5IdsType, tokens.sequences().get(1), "text_embeddings", t5Target, buffers);
        } finally {
            // In the low-memory mode T5's weights leave the device until the next text-cache miss.
            t5.release();
        }
        return new TextEmbeddings(hidden, pooled, tokens.truncated());
    }

    private TensorBuffer runEncoder(SessionRunner runner, ElementType idsType, long[] ids, String output,
                                    ElementType target, TextEmbeddingCache buffers) throws InferenceException {
        TensorBuffer idsBuf = new TensorBuffer(idsType, ids.length);
        idsBuf.putIds(ids);
        long[] shape = staticShape(runner, output);
        if (shape != null && ElementType.ofOutput(runner.session(), runner.model(), output) == target) {
            // Same type as the transformer wants and a known size: ONNX Runtime writes straight into the buffer
            // the transformer will read (T5's [1,512,4096] would otherwise be copied twice).
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            TensorBuffer out = buffers.buffer(target, count);
            try (OnnxTensor idsT = idsBuf.tensor(env, new long[] {1, ids.length});
                 OnnxTensor outT = out.tensor(env, shape);
                 OrtSession.Result ignored = runner.run(Map.of("input_ids", idsT), Map.of(output, outT))) {
                return out;
            } catch (OrtException e) {
                throw new InferenceException(InferenceException.Code.INTERNAL,
                        "Could not run the " + runner.model() + " text encoder: " + e.getMessage(), e);
            }
        }
        try (OnnxTensor idsT = idsBuf.tensor(env, new long[] {1, ids.length});
             OrtSession.Result result = runner.run(Map.of("input_ids", idsT))) {
            OnnxValue value = result.get(output).orElseThrow();
            return TensorBuffer.copyOf((OnnxTensor) value, target);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not run the " + runner.model() + " text encoder: " + e.getMessage(), e);
        }
    }
}
