package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.KleinPackage;
import java.util.Map;

/**
 * klein's Qwen3 text encoder: the chat-template ids and their mask [1,512] to {@code prompt_embeds}
 * [1,512,{@value KleinPackage#TEXT_DIM}], all 512 rows, in the transformer's text type.
 */
final class KleinTextEncoder {

    private static final int TEXT = KleinPackage.TEXT_TOKENS;

    private final OrtEnvironment env;
    private final SessionRunner encoder;
    private final ElementType idsType;
    private final ElementType maskType;

    KleinTextEncoder(OrtEnvironment env, SessionRunner encoder) throws InferenceException {
        this.env = env;
        this.encoder = encoder;
        OrtSession te = encoder.session();
        this.idsType = ElementType.ofInput(te, encoder.model(), "input_ids");
        this.maskType = ElementType.ofInput(te, encoder.model(), "attention_mask");
        ElementType.ofOutput(te, encoder.model(), "prompt_embeds");
    }

    /**
     * @param tokens     {@code sequences()}: the ids, then the attention mask
     * @param buffers    the text cache's recycled buffers
     * @param textTarget the transformer's {@code encoder_hidden_states} type
     */
    TextEmbeddings encode(PreparedRequest.Tokens tokens, TextEmbeddingCache buffers, ElementType textTarget)
            throws InferenceException {
        TensorBuffer ids = new TensorBuffer(idsType, TEXT);
        ids.putIds(tokens.sequences().get(0));
        TensorBuffer mask = new TensorBuffer(maskType, TEXT);
        mask.putIds(tokens.sequences().get(1));
        long[] shape = {1, TEXT};
        encoder.ensureOpen();
        try (OnnxTensor idsT = ids.tensor(env, shape);
             OnnxTensor maskT = mask.tensor(env, shape)) {
            Map<String, OnnxTensor> inputs = Map.of("input_ids", idsT, "attention_mask", maskT);
            if (ElementType.ofOutput(encoder.session(), encoder.model(), "prompt_embeds") == textTarget) {
                // The transformer's type: ONNX Runtime writes the 15 MB straight into the buffer it will read.
                TensorBuffer embeds = buffers.buffer(textTarget, (long) TEXT * KleinPackage.TEXT_DIM);
                try (OnnxTensor outT = embeds.tensor(env, new long[] {1, TEXT, KleinPackage.TEXT_DIM});
                     OrtSession.Result ignored = encoder.run(inputs, Map.of("prompt_embeds", outT))) {
                    return new TextEmbeddings(embeds, null, tokens.truncated());
                }
            }
            try (OrtSession.Result result = encoder.run(inputs)) {
                OnnxTensor out = (OnnxTensor) result.get("prompt_embeds").orElseThrow();
                return new TextEmbeddings(TensorBuffer.copyOf(out, textTarget), null, tokens.truncated());
            }
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not run the Qwen3 text encoder: " + e.getMessage(), e);
        } finally {
            // In the low-memory mode the text encoder's weights leave the device until the next text-cache miss.
            encoder.release();
        }
    }
}
