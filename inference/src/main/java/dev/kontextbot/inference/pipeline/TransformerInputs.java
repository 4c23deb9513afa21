package dev.kontextbot.inference.pipeline;

/**
 * What the transformer gets besides the output tokens and the text: the context tokens behind them and every
 * token's position ids (output tokens first). Tests observe it; families build it.
 *
 * @param noiseTokens N, the output tokens
 * @param context     the context tokens [1,Nc,tokenDim], in order (empty for text-to-image)
 * @param ids         the ids [(N+Nc),axes], as floats whatever the transformer's id type
 * @param tokenDim    features per token (Kontext 64, klein 128)
 * @param axes        id axes per token (Kontext 3: (plane,h,w); klein 4: (t,h,w,l))
 */
record TransformerInputs(int noiseTokens, float[] context, float[] ids, int tokenDim, int axes) {

    int contextTokens() {
        return context.length / tokenDim;
    }
}
