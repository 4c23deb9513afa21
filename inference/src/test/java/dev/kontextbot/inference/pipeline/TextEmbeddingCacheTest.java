package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextEmbeddingCacheTest {

    private static TextEmbeddings embeddings(int floats) {
        return new TextEmbeddings(new TensorBuffer(ElementType.FLOAT32, floats), new TensorBuffer(ElementType.FLOAT32, 4),
                false);
    }

    @Test
    void aHitReturnsTheSameBuffersNotACopy() {
        TextEmbeddingCache cache = new TextEmbeddingCache(1 << 20);
        TextEmbeddings e = embeddings(100);
        cache.put("make it red", e);
        assertThat(cache.get("make it red")).containsSame(e);
        assertThat(cache.get("make it blue")).isEmpty();
        assertThat(cache.bytes()).isEqualTo(416);
    }

    @Test
    void evictsLeastRecentlyUsedToStayWithinTheByteBudget() {
        // Each entry is 100*4 + 4*4 = 416 bytes; three fit in 1300.
        TextEmbeddingCache cache = new TextEmbeddingCache(1300);
        cache.put("a", embeddings(100));
        cache.put("b", embeddings(100));
        cache.put("c", embeddings(100));
        cache.get("a");
        cache.put("d", embeddings(100));
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("c")).isPresent();
        assertThat(cache.get("d")).isPresent();
        assertThat(cache.bytes()).isEqualTo(3 * 416).isLessThanOrEqualTo(1300);
    }

    @Test
    void anEntryLargerThanTheBudgetIsNotKept() {
        TextEmbeddingCache cache = new TextEmbeddingCache(100);
        cache.put("long", embeddings(100));
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
        TextEmbeddingCache off = new TextEmbeddingCache(0);
        off.put("x", embeddings(1));
        assertThat(off.get("x")).isEmpty();
    }

    @Test
    void replacingAPromptDoesNotCountItTwice() {
        TextEmbeddingCache cache = new TextEmbeddingCache(10_000);
        cache.put("a", embeddings(100));
        cache.put("a", embeddings(100));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(416);
    }

    @Test
    void theBuffersOfAnEvictedEntryAreHandedOutForTheNextMiss() {
        TextEmbeddingCache cache = new TextEmbeddingCache(900);
        TextEmbeddings a = embeddings(100);
        cache.put("a", a);
        cache.put("b", embeddings(100));
        // Nothing has left yet: a new buffer.
        assertThat(cache.buffer(ElementType.FLOAT32, 100)).isNotSameAs(a.hidden());
        cache.put("c", embeddings(100));
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.buffer(ElementType.FLOAT32, 100)).isSameAs(a.hidden());
        assertThat(cache.buffer(ElementType.FLOAT32, 4)).isSameAs(a.pooled());
        // Another size or type is never handed a recycled one.
        assertThat(cache.buffer(ElementType.FLOAT16, 100).type()).isEqualTo(ElementType.FLOAT16);
    }
}
