package dev.kontextbot.conversation.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.TestImages;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class BlobStoreTest {

    private static final String CONV = "discord:9";

    @Test
    void anIdenticalImageIsStoredOnceAndRemovedWithItsLastVersion(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(),
                new RetentionPolicy(Duration.ofDays(30), 2, 0));
        BlobStore blobs = store.blobs(CONV, "u");
        String same = blobs.putPng(TestImages.png(1));
        assertThat(blobs.putPng(TestImages.png(1))).isEqualTo(same);

        Version v1 = store.append(CONV, NewVersion.upload(same, 8, 8, "u", "a"));
        Version v2 = store.append(CONV, NewVersion.upload(same, 8, 8, "u", "b"));
        assertThat(redis.keys("kb:{" + CONV + "}:blob:*")).hasSize(1);
        assertThat(v1.imageBlob()).isEqualTo(v2.imageBlob());

        String other = blobs.putPng(TestImages.png(2));
        store.append(CONV, NewVersion.upload(other, 8, 8, "u", "c")); // prunes v1: the image is still used by v2
        assertThat(blobs.contains(same)).isTrue();
        store.append(CONV, NewVersion.upload(other, 8, 8, "u", "d")); // prunes v2: nothing points at it any more
        assertThat(blobs.contains(same)).isFalse();
        assertThat(blobs.png(same)).isEmpty();
        assertThat(blobs.png(other)).contains(TestImages.png(2));
    }

    @Test
    void latentsRoundTripAsHalfPrecision(UnifiedJedis redis) {
        BlobStore blobs = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults()).blobs(CONV, "u");
        float[] latents = {0f, 1f, -2.5f, 0.3611f, 1.1f, -3.14159f, 65504f};
        String id = blobs.putLatents(latents);

        assertThat(id).startsWith("f16-");
        assertThat(redis.strlen("kb:{" + CONV + "}:blob:" + id)).isEqualTo(latents.length * 2L);
        float[] back = blobs.latents(id).orElseThrow();
        assertThat(back).hasSize(latents.length);
        for (int i = 0; i < latents.length; i++) {
            assertThat(back[i]).isCloseTo(latents[i], within(Math.abs(latents[i]) / 1000f + 1e-6f));
        }
    }

    @Test
    void badInputIsRefusedInPlainWords(UnifiedJedis redis) {
        BlobStore blobs = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults()).blobs(CONV, "u");
        assertThatThrownBy(() -> blobs.putPng(new byte[] {1, 2, 3})).hasMessage("Not a PNG image");
        assertThatThrownBy(() -> blobs.putLatents(new float[0])).hasMessage("No latents to store");
        String png = blobs.putPng(TestImages.png(1));
        assertThatThrownBy(() -> blobs.latents(png)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.png("../../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlobStore(redis, Clock.systemUTC(), RetentionPolicy.defaults(), "kb:{x}", "u"))
                .hasMessageContaining("Not a conversation id");
    }
}
