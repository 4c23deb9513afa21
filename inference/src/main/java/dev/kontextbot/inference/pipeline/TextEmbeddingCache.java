package dev.kontextbot.inference.pipeline;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Text embeddings per prompt, least recently used first out, bounded by the bytes of the buffers it holds.
 * Entries are shared, never copied: a hit hands out the cached buffers themselves. An entry larger than the whole
 * budget is not kept. Thread-safe.
 */
final class TextEmbeddingCache {

    private final long maxBytes;
    private final LinkedHashMap<String, TextEmbeddings> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    TextEmbeddingCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Optional<TextEmbeddings> get(String prompt) {
        return Optional.ofNullable(entries.get(prompt));
    }

    synchronized void put(String prompt, TextEmbeddings embeddings) {
        long size = embeddings.byteSize();
        if (size > maxBytes) {
            return;
        }
        TextEmbeddings old = entries.put(prompt, embeddings);
        if (old != null) {
            bytes -= old.byteSize();
        }
        bytes += size;
        Iterator<Map.Entry<String, TextEmbeddings>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, TextEmbeddings> e = eldest.next();
            bytes -= e.getValue().byteSize();
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }
}
