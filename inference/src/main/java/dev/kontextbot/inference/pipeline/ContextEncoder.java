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
 * The VAE encoder: pixels [1,3,Hc,Wc] in [-1,1] to normalised latents [1,16,Hc/8,Wc/8]. A 32-channel output is
 * the posterior's mean and log-variance; the first 16 channels (the mean) are used, as the reference does.
 */
final class ContextEncoder {

    static final int LATENT_CHANNELS = 16;
    static final int VAE_FACTOR = 8;

    private final OrtEnvironment env;
    private final SessionRunner encoder;
    private final ElementType inputType;

    private final BufferPool pool;
    private final ImageTensors imageTensors = new ImageTensors();

    ContextEncoder(OrtEnvironment env, SessionRunner encoder, BufferPool pool) throws InferenceException {
        this.env = env;
        this.pool = pool;
        this.encoder = encoder;
        this.inputType = ElementType.ofInput(encoder.session(), encoder.model(), "images");
        ElementType.ofOutput(encoder.session(), encoder.model(), "latent");
    }

    /**
     * @param image the context at its bucket size; becomes [1,3,h,w] NCHW with {@code p/127.5 - 1}
     * @return [1,16,h/8,w/8] with {@code 0.3611*(mean-0.1159)}
     */
    float[] encode(BufferedImage image) throws InferenceException {
        int width = image.getWidth();
        int height = image.getHeight();
        TensorBuffer in = pool.get(BufferPool.Role.VAE_ENCODER_IN, inputType, 3L * width * height);
        if (inputType == ElementType.FLOAT32) {
            // Straight into the tensor's memory: no intermediate array.
            imageTensors.toNchw(image, in.floatView());
        } else {
            float[] pixels = imageTensors.toNchw(image);
            in.putFloats(0, pixels, 0, pixels.length);
        }
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
