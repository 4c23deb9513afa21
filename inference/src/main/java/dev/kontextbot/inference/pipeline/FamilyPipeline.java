package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import java.awt.image.BufferedImage;

/**
 * What one model family does differently, behind the engine's seam: how a request is prepared (tokens, pictures,
 * output size, noise, schedule), how text and pictures are encoded, how the transformer's ids are built and it is
 * called, and how latents are decoded. The engine around it owns what every family shares: the device lock, the
 * text-embedding cache, the Euler loop with previews and cancellation between steps, the timings and the sessions'
 * lifetime. A third family is one more implementation, one more {@link ModelFamily} constant, and a case in
 * {@link FamilyLoader}.
 */
sealed interface FamilyPipeline permits KontextPipeline, KleinPipeline {

    ModelFamily family();

    /**
     * The size an edit of a {@code width x height} picture alone comes out at, which is also the size its context is
     * encoded at (Kontext: the bucket; klein: capped and cropped to multiples of 16, within the request limits). A
     * result of exactly this size can be edited again from its stored latents.
     */
    Bucket contextSize(int width, int height);

    /** The CPU part of a job (never touches the device); the engine checks the family-neutral limits first. */
    PreparedRequest prepare(EditRequest request) throws InferenceException;

    /**
     * Runs the text encoder(s) on the device for a text-cache miss, writing into buffers from {@code buffers} (the
     * cache's recycled ones).
     */
    TextEmbeddings encodeText(PreparedRequest.Tokens tokens, TextEmbeddingCache buffers) throws InferenceException;

    /** Encodes the context pictures (or takes the supplied latents) and builds every token's position ids. */
    TransformerInputs denoiseInputs(PreparedRequest prepared) throws InferenceException;

    /** The transformer for one job's loop, its constant inputs bound once; closed after the loop. */
    Velocity velocity(TransformerInputs inputs, TextEmbeddings text, PreparedRequest prepared)
            throws InferenceException;

    /** The output tokens {@code x} as the stored latents layout [1,C,H/f,W/f]. */
    float[] unpack(float[] x, PreparedRequest prepared);

    /** The VAE decoder: stored-layout latents to the picture. */
    BufferedImage decode(float[] latents, int width, int height) throws InferenceException;

    /** When the last decode's tensor-to-picture conversion began (System.nanoTime). */
    long postProcessStart();

    /** A small picture straight from the output tokens, for progress messages. */
    BufferedImage preview(float[] x, PreparedRequest prepared);

    /** The stored latents of {@code image} as a later request's context latents (the caller holds the device). */
    float[] encodeContext(BufferedImage image) throws InferenceException;

    /** The transformer's velocity for the current tokens at one sigma; owns tensors bound for the whole loop. */
    interface Velocity extends AutoCloseable {
        /**
         * @param x     the output tokens, unchanged by the call
         * @param sigma the current noise level (the transformer's timestep)
         * @param v     receives the prediction for the output tokens only ({@code x.length} values)
         */
        void predict(float[] x, double sigma, float[] v) throws InferenceException;

        @Override
        void close();
    }
}
