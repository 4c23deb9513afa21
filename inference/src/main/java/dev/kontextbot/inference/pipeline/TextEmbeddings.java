package dev.kontextbot.inference.pipeline;

/**
 * One prompt's conditioning, already in the transformer's input types so it is fed without another copy.
 * Read-only once built: jobs with the same prompt share the same buffers.
 *
 * @param t5        T5 last hidden state [1,512,4096] (the transformer's {@code encoder_hidden_states})
 * @param pooled    CLIP pooled output [1,768] (the transformer's {@code pooled_projections})
 * @param truncated the prompt was cut to fit a tokenizer
 */
record TextEmbeddings(TensorBuffer t5, TensorBuffer pooled, boolean truncated) {

    long byteSize() {
        return t5.byteSize() + pooled.byteSize();
    }
}
