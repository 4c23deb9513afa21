package dev.kontextbot.inference.latent;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.InferenceException.Code;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Raw little-endian float32 files, no header: the format of {@code --noise} and {@code --latents-out}
 * (latents in {@code [1,16,H/8,W/8]} order, as numpy's {@code tofile} writes them).
 */
public final class RawFloats {

    private RawFloats() {
    }

    /**
     * Reads {@code [1,16,latentH,latentW]} latents.
     *
     * @throws InferenceException INVALID_REQUEST when the file is missing, unreadable or of the wrong size
     */
    public static float[] readLatents(Path file, int latentH, int latentW) throws InferenceException {
        return readLatents(file, LatentNormalisation.LATENT_CHANNELS, latentH, latentW, 8);
    }

    /**
     * Reads {@code [1,channels,latentH,latentW]} latents of a family whose cells are {@code factor} pixels a side
     * (klein: 128 channels at 1/16).
     *
     * @throws InferenceException INVALID_REQUEST when the file is missing, unreadable or of the wrong size
     */
    public static float[] readLatents(Path file, int channels, int latentH, int latentW, int factor)
            throws InferenceException {
        long expected = (long) channels * latentH * latentW;
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InferenceException(Code.INVALID_REQUEST, "The latent file " + file.getFileName()
                    + " does not exist.", e);
        } catch (IOException e) {
            throw new InferenceException(Code.INVALID_REQUEST, "The latent file " + file.getFileName()
                    + " cannot be read.", e);
        }
        if (size != expected * Float.BYTES) {
            throw new InferenceException(Code.INVALID_REQUEST, "The latent file " + file.getFileName() + " has "
                    + size + " bytes, but a " + latentW * factor + "x" + latentH * factor + " image needs [1,"
                    + channels + "," + latentH
                    + "," + latentW + "] float32 values, " + expected * Float.BYTES + " bytes.");
        }
        return read(file, (int) expected);
    }

    /** Reads exactly {@code count} floats; the file size must be {@code 4*count} bytes. */
    public static float[] read(Path file, int count) throws InferenceException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != (long) count * Float.BYTES) {
                throw new InferenceException(Code.INVALID_REQUEST, "The file " + file.getFileName() + " has "
                        + channel.size() + " bytes; expected " + (long) count * Float.BYTES + " (" + count
                        + " float32 values).");
            }
            ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes) < 0) {
                    throw new InferenceException(Code.INVALID_REQUEST, "The file " + file.getFileName()
                            + " ended early.");
                }
            }
            bytes.flip();
            float[] values = new float[count];
            bytes.asFloatBuffer().get(values);
            return values;
        } catch (IOException e) {
            throw new InferenceException(Code.INVALID_REQUEST, "The file " + file.getFileName()
                    + " cannot be read.", e);
        }
    }

    /** Writes the floats as raw little-endian float32, replacing the file. */
    public static void write(Path file, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
