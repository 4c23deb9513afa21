package dev.kontextbot.conversation.state;

import java.util.Random;

/** Test data: byte arrays that start like PNGs. */
public final class TestImages {

    private TestImages() {
    }

    /** {@code size} bytes starting with the PNG signature, filled from {@code seed}. */
    public static byte[] png(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    public static byte[] png(long seed) {
        return png(seed, 256);
    }
}
