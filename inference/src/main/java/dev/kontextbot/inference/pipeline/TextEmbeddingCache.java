package dev.kontextbot.inference.pipeline;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Text embeddings per prompt, least recently used first out, bounded by the bytes of the buffers it holds.
 * Entries are shared, never copied: a hit hands out the cached buffers themselves. An entry larger than the whole
 * budget is not kept. Thread-safe.
 *
 * <p>The buffers of entries that leave it (evicted, replaced, or too large to keep) are handed out again by
 * {@link #buffer} for the next miss: a fresh direct buffer of klein's 15 MB costs 70 to 110 ms of page faults on the
 * build machine (measured), more than the stand-in's whole text encoder. Jobs run one at a time on the device, and an
 * entry leaves only when a newer one is put, so a recycled buffer is never one a running job still reads.
 */
final class TextEmbeddingCache {

    private final long maxBytes;
    private final LinkedHashMap<String, TextEmbeddings> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    /** Buffers of entries that left, for the next misses; a few at most. */
    private final ArrayDeque<TensorBuffer> recycled = new ArrayDeque<>();
    private static final int MAX_RECYCLED = 4;

    TextEmbeddingCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Optional<TextEmbeddings> get(String prompt) {
        return Optional.ofNullable(entries.get(prompt));
    }

    synchronized void put(String prompt, TextEmbeddings embeddings) {
        long size = embeddings.byteSize();
        if (size > maxBytes) {
            recycle(embeddings);
            return;
        }
        TextEmbeddings old = entries.put(prompt, embeddings);
        if (old != null && old != embeddings) {
            bytes -= old.byteSize();
            recycle(old);
        } else if (old != null) {
            bytes -= old.byteSize();
        }
        bytes += size;
        Iterator<Map.Entry<String, TextEmbeddings>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, TextEmbeddings> e = eldest.next();
            bytes -= e.getValue().byteSize();
            recycle(e.getValue());
            eldest.remove();
        }
    }

    /** A buffer of exactly {@code count} elements of {@code type}: a recycled one when there is one, else new. */
    synchronized TensorBuffer buffer(ElementType type, long count) {
        for (Iterator<TensorBuffer> it = recycled.iterator(); it.hasNext(); ) {
            TensorBuffer b = it.next();
            if (b.type() == type && b.count() == count) {
                it.remove();
                return b;
            }
        }
        return new TensorBuffer(type, count);
    }

    private void recycle(TextEmbeddings gone) {
        for (TensorBuffer b : new TensorBuffer[] {gone.hidden(), gone.pooled()}) {
            if (b != null) {
                if (recycled.size() == MAX_RECYCLED) {
                    recycled.removeFirst();
                }
                recycled.addLast(b);
            }
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }
}
