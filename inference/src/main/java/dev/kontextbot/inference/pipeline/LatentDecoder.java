package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ImageTensors;
import java.awt.image.BufferedImage;
import dev.kontextbot.inference.latent.LatentNormalisation;
import java.util.Map;

/**
 * The VAE decoder: a family's stored latents [1,C,H/f,W/f] to pixels [1,3,H,W] (about [-1,1], not clamped) to the
 * picture. Kontext's latents are un-normalised first; klein's export takes them as stored.
 */
final class LatentDecoder {

    /** A family's decoder graph: its tensor names, the latents' channels and factor, whether to un-normalise. */
    record Graph(String input, String output, int channels, int factor, boolean denormalise) {
        static final Graph KONTEXT = new Graph("latent", "images", ContextEncoder.LATENT_CHANNELS,
                ContextEncoder.VAE_FACTOR, true);
    }

    private final OrtEnvironment env;
    private final SessionRunner decoder;
    private final ElementType inputType;
    private final ElementType outputType;

    private final BufferPool pool;
    private final Graph graph;
    private final ImageTensors imageTensors = new ImageTensors();
    private long postStart;

    LatentDecoder(OrtEnvironment env, SessionRunner decoder, BufferPool pool) throws InferenceException {
        this(env, decoder, pool, Graph.KONTEXT);
    }

    LatentDecoder(OrtEnvironment env, SessionRunner decoder, BufferPool pool, Graph graph) throws InferenceException {
        this.env = env;
        this.pool = pool;
        this.decoder = decoder;
        this.graph = graph;
        this.inputType = ElementType.ofInput(decoder.session(), decoder.model(), graph.input());
        this.outputType = ElementType.ofOutput(decoder.session(), decoder.model(), graph.output());
    }

    /** When the last decode's tensor-to-image conversion began (System.nanoTime). */
    long postProcessStart() {
        return postStart;
    }

    /** @param latents [1,C,h,w] as stored (left untouched); returns the RGB picture of [1,3,fh,fw] */
    BufferedImage decode(float[] latents, int width, int height) throws InferenceException {
        int h = height / graph.factor();
        int w = width / graph.factor();
        float[] z = latents;
        if (graph.denormalise()) {
            z = latents.clone();
            LatentNormalisation.decodeInPlace(z);
        }
        TensorBuffer in = pool.get(BufferPool.Role.VAE_DECODER_IN, inputType, z.length);
        in.putFloats(0, z, 0, z.length);
        int outLen = 3 * width * height;
        TensorBuffer out = pool.get(BufferPool.Role.VAE_DECODER_OUT, outputType, outLen);
        try (OnnxTensor inT = in.tensor(env, new long[] {1, graph.channels(), h, w});
             OnnxTensor outT = out.tensor(env, new long[] {1, 3, height, width});
             OrtSession.Result ignored = decoder.run(Map.of(graph.input(), inT), Map.of(graph.output(), outT))) {
            postStart = System.nanoTime();
            if (outputType == ElementType.FLOAT32) {
                return imageTensors.fromNchw(out.floatView(), width, height);
            }
            float[] pixels = new float[outLen];
            out.getFloats(0, pixels, 0, outLen);
            return imageTensors.fromNchw(pixels, width, height);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not run the VAE decoder: " + e.getMessage(), e);
        }
    }
}
