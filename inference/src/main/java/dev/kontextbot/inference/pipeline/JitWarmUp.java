package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.image.ImageTensors;
import dev.kontextbot.inference.image.Previews;
import dev.kontextbot.inference.latent.LatentNormalisation;
import dev.kontextbot.inference.latent.LatentPacking;
import java.awt.image.BufferedImage;

/**
 * Runs the engine's per-job CPU loops (pixel tensors both ways, packing, normalisation, previews, buffer
 * conversions) a few times on small data when the engine opens, so the JIT has compiled them before the first
 * real job. Without it the first jobs run these loops in the interpreter or the first-tier compiler, which
 * measured several times slower (tens of milliseconds per job at 1024x1024). Costs about a tenth of a second at open.
 */
final class JitWarmUp {

    private static final int ROUNDS = 8;
    private static final int SIDE = 128;

    private JitWarmUp() {
    }

    static void run() {
        ImageTensors tensors = new ImageTensors();
        Previews previews = new Previews();
        BufferedImage image = SyntheticPhoto.create(SIDE, SIDE, 1);
        int lh = SIDE / 8;
        TensorBuffer pixels = new TensorBuffer(ElementType.FLOAT32, 3L * SIDE * SIDE);
        TensorBuffer half = new TensorBuffer(ElementType.BFLOAT16, 16L * lh * lh);
        float[] latents = new float[16 * lh * lh];
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            tensors.toNchw(image, pixels.floatView());
            BufferedImage back = tensors.fromNchw(pixels.floatView(), SIDE, SIDE);
            float[] copy = tensors.toNchw(back);
            float[] packed = LatentPacking.pack(latents, 16, lh, lh);
            LatentNormalisation.encodeInPlace(packed);
            LatentNormalisation.decodeInPlace(packed);
            float[] unpacked = LatentPacking.unpack(packed, 16, lh, lh);
            pixels.putFloats(0, copy, 0, copy.length);
            pixels.getFloats(0, copy, 0, copy.length);
            half.putFloats(0, unpacked, 0, unpacked.length);
            half.getFloats(0, latents, 0, latents.length);
            sink += previews.tokenPreview(packed, 0, lh, lh).getRGB(0, 0) + back.getRGB(1, 1);
        }
        if (sink == 42) {
            // Keeps the work observable so it is not optimised away; never true in practice.
            Thread.onSpinWait();
        }
    }
}
