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

/** The VAE decoder: normalised latents [1,16,H/8,W/8] to pixels [1,3,H,W] (about [-1,1], not clamped). */
final class LatentDecoder {

    private final OrtEnvironment env;
    private final SessionRunner decoder;
    private final ElementType inputType;
    private final ElementType outputType;

    private final BufferPool pool;
    private final ImageTensors imageTensors = new ImageTensors();
    private long postStart;

    LatentDecoder(OrtEnvironment env, SessionRunner decoder, BufferPool pool) throws InferenceException {
        this.env = env;
        this.pool = pool;
        this.decoder = decoder;
        this.inputType = ElementType.ofInput(decoder.session(), decoder.model(), "latent");
        this.outputType = ElementType.ofOutput(decoder.session(), decoder.model(), "images");
    }

    /** When the last decode's tensor-to-image conversion began (System.nanoTime). */
    long postProcessStart() {
        return postStart;
    }

    /** @param latents [1,16,h,w] normalised (left untouched); returns the RGB picture of [1,3,8h,8w] */
    BufferedImage decode(float[] latents, int width, int height) throws InferenceException {
        int h = height / ContextEncoder.VAE_FACTOR;
        int w = width / ContextEncoder.VAE_FACTOR;
        float[] z = latents.clone();
        LatentNormalisation.decodeInPlace(z);
        TensorBuffer in = pool.get(BufferPool.Role.VAE_DECODER_IN, inputType, z.length);
        in.putFloats(0, z, 0, z.length);
        int outLen = 3 * width * height;
        TensorBuffer out = pool.get(BufferPool.Role.VAE_DECODER_OUT, outputType, outLen);
        try (OnnxTensor inT = in.tensor(env, new long[] {1, ContextEncoder.LATENT_CHANNELS, h, w});
             OnnxTensor outT = out.tensor(env, new long[] {1, 3, height, width});
             OrtSession.Result ignored = decoder.run(Map.of("latent", inT), Map.of("images", outT))) {
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
