package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ImageTensors;
import dev.kontextbot.inference.model.KleinPackage;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * klein's VAE encoder: a prepared picture [1,3,H,W] in [-1,1] to latents [1,128,H/16,W/16] (the export already
 * patchifies and normalises).
 */
final class KleinVaeEncoder {

    private static final int D = KleinPackage.TOKEN_DIM;
    private static final int F = KleinPackage.LATENT_FACTOR;

    private final OrtEnvironment env;
    private final SessionRunner encoder;
    private final BufferPool pool;
    private final ElementType imageType;
    private final ImageTensors imageTensors = new ImageTensors();

    KleinVaeEncoder(OrtEnvironment env, SessionRunner encoder, BufferPool pool) throws InferenceException {
        this.env = env;
        this.encoder = encoder;
        this.pool = pool;
        this.imageType = ElementType.ofInput(encoder.session(), encoder.model(), "image");
        ElementType.ofOutput(encoder.session(), encoder.model(), "latents");
    }

    float[] encode(BufferedImage image) throws InferenceException {
        int width = image.getWidth();
        int height = image.getHeight();
        TensorBuffer in = pool.get(BufferPool.Role.VAE_ENCODER_IN, imageType, 3L * width * height);
        if (imageType == ElementType.FLOAT32) {
            imageTensors.toNchw(image, in.floatView());
        } else {
            float[] pixels = imageTensors.toNchw(image);
            in.putFloats(0, pixels, 0, pixels.length);
        }
        try (OnnxTensor t = in.tensor(env, new long[] {1, 3, height, width});
             OrtSession.Result result = encoder.run(Map.of("image", t))) {
            OnnxTensor out = (OnnxTensor) result.get("latents").orElseThrow();
            long[] shape = out.getInfo().getShape();
            if (shape.length != 4 || shape[1] != D || shape[2] != height / F || shape[3] != width / F) {
                throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                        "The VAE encoder returned latents of shape " + java.util.Arrays.toString(shape)
                                + "; expected [1,128," + height / F + "," + width / F + "].");
            }
            return TensorBuffer.readFloats(out);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL,
                    "Could not run the VAE encoder: " + e.getMessage(), e);
        }
    }
}
