package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.latent.LatentNormalisation;
import java.util.Map;

/**
 * The VAE encoder: pixels [1,3,Hc,Wc] in [-1,1] to normalised latents [1,16,Hc/8,Wc/8]. A 32-channel output is
 * the posterior's mean and log-variance; the first 16 channels (the mean) are used, as the reference does.
 */
final class ContextEncoder {

    static final int LATENT_CHANNELS = 16;
    static final int VAE_FACTOR = 8;

    private final OrtEnvironment env;
    private final SessionRunner encoder;
    private final ElementType inputType;

    ContextEncoder(OrtEnvironment env, SessionRunner encoder) throws InferenceException {
        this.env = env;
        this.encoder = encoder;
        this.inputType = ElementType.ofInput(encoder.session(), encoder.model(), "images");
        ElementType.ofOutput(encoder.session(), encoder.model(), "latent");
    }

    /** @param pixels [1,3,h,w] NCHW in [-1,1]; returns [1,16,h/8,w/8] with {@code 0.3611*(mean-0.1159)} */
    float[] encode(float[] pixels, int width, int height) throws InferenceException {
        TensorBuffer in = new TensorBuffer(inputType, pixels.length);
        in.putFloats(0, pixels, 0, pixels.length);
        int h = height / VAE_FACTOR;
        int w = width / VAE_FACTOR;
        int meanLen = LATENT_CHANNELS * h * w;
        try (OnnxTensor t = in.tensor(env, new long[] {1, 3, height, width});
             OrtSession.Result result = encoder.run(Map.of("images", t))) {
            OnnxTensor out = (OnnxTensor) result.get("latent").orElseThrow();
            long[] shape = out.getInfo().getShape();
            if (shape.length != 4 || (shape[1] != 16 && shape[1] != 32) || shape[2] != h || shape[3] != w) {
                throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                        "The VAE encoder returned a latent of shape " + java.util.Arrays.toString(shape)
                                + "; expected [1,16 or 32," + h + "," + w + "].");
            }
            float[] all = TensorBuffer.readFloats(out);
            // Channels are the slowest axis after batch, so the mean is the first 16*h*w values.
            float[] mean = all.length == meanLen ? all : java.util.Arrays.copyOf(all, meanLen);
            LatentNormalisation.encodeInPlace(mean);
            return mean;
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not run the VAE encoder: " + e.getMessage(), e);
        }
    }
}
