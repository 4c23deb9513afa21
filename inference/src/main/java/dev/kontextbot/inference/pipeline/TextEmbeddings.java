package dev.kontextbot.inference.pipeline;

/**
 * One prompt's conditioning, already in the transformer's input types so it is fed without another copy.
 * Read-only once built: jobs with the same prompt share the same buffers.
 *
 * @param hidden    the text encoder's states, the transformer's {@code encoder_hidden_states}: T5's last hidden
 *                  state [1,512,4096] (Kontext), Qwen3's layers 9, 18, 27 [1,512,7680] (klein)
 * @param pooled    CLIP pooled output [1,768] (the transformer's {@code pooled_projections}); null for klein
 * @param truncated the prompt was cut to fit a tokenizer
 */
record TextEmbeddings(TensorBuffer hidden, TensorBuffer pooled, boolean truncated) {

    long byteSize() {
        return hidden.byteSize() + (pooled == null ? 0 : pooled.byteSize());
    }
}
