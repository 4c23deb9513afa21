package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.image.Bucket;

/**
 * Chooses the size a context image is resized to. The engine uses BFL's preferred-resolution buckets; tests use
 * an image's own size so tiny pictures run fast.
 */
@FunctionalInterface
interface ContextSizing {

    Bucket choose(int width, int height);

    /** Keeps the image's size, floored to a multiple of 16 (tests only). */
    ContextSizing OWN_SIZE = (w, h) -> new Bucket(w - w % 16, h - h % 16);
}
