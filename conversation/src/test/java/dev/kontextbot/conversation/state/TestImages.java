package dev.kontextbot.conversation.state;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** Test data: byte arrays that start like PNGs, and a clock tests can move. */
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

    /** A clock that stands still until moved. */
    public static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-27T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        public void advance(java.time.Duration d) {
            now = now.plus(d);
        }
    }
}
