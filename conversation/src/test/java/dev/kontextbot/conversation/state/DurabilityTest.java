package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisServerExtension;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.langchain4j.data.message.UserMessage;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class DurabilityTest {

    private static final String CONV = "web:session-1";

    @Test
    void everythingSurvivesARestartFromTheAppendOnlyFile(RedisServerProcess server) {
        Version v2;
        try (UnifiedJedis redis = RedisConnector.open(server.url())) {
            ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
            String png = store.blobs(CONV, "u").putPng(TestImages.png(1));
            Version v1 = store.append(CONV, NewVersion.upload(png, 64, 64, "u", "j1"));
            v2 = store.append(CONV, new NewVersion(v1.id(), "hat", "Add a hat", 5, 28, 2.5, 64, 64, png, null, "u", "j2"));
            store.setReference(CONV, ReferenceKind.STYLE, "ink", png);
            store.recordMessage(new MessageRef("web", "session-1", "m1"), CONV, v2.id());
            new RedisChatMemoryStore(redis, RetentionPolicy.defaults()).updateMessages(CONV, List.of(UserMessage.from("hat")));
        }

        server.restart();

        try (UnifiedJedis redis = RedisConnector.open(server.url())) {
            ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
            assertThat(store.head(CONV)).contains(v2);
            assertThat(store.history(CONV)).hasSize(2);
            assertThat(store.blobs(CONV, "u").png(v2.imageBlob())).contains(TestImages.png(1));
            assertThat(store.references(CONV)).hasSize(1);
            assertThat(store.resolveMessage(new MessageRef("web", "session-1", "m1")).orElseThrow().version()).isEqualTo(v2);
            assertThat(new RedisChatMemoryStore(redis, RetentionPolicy.defaults()).getMessages(CONV))
                    .containsExactly(UserMessage.from("hat"));
            assertThat(store.undo(CONV).number()).isEqualTo(1);
        }
    }

    @Test
    void anOutageIsATypedErrorAndTheNextCallAfterwardsWorks(RedisServerProcess server) {
        // One server stopped is an outage; on the cluster pass its replica takes over (RedisClusterTest covers that).
        RedisServerExtension.assumeSingleServer();
        try (UnifiedJedis redis = RedisConnector.open(server.url())) {
            // SIGKILL loses what "everysec" has not yet written; the test is about the outage, not the fsync policy.
            redis.configSet("appendfsync", "always");
            ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
            String png = store.blobs(CONV, "u").putPng(TestImages.png(1));
            Version v1 = store.append(CONV, NewVersion.upload(png, 64, 64, "u", "j1"));

            server.kill();

            assertThatThrownBy(() -> store.append(CONV, NewVersion.upload(png, 64, 64, "u", "j2")))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("Redis unreachable");
            assertThatThrownBy(() -> store.head(CONV)).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.blobs(CONV, "u").png(png)).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> new RedisChatMemoryStore(redis, RetentionPolicy.defaults()).getMessages(CONV))
                    .isInstanceOf(StoreUnavailableException.class);

            server.restart();

            assertThat(store.head(CONV)).contains(v1);
            Version v2 = store.append(CONV, NewVersion.upload(png, 64, 64, "u", "j2"));
            assertThat(v2.number()).isEqualTo(2);
        }
    }
}
