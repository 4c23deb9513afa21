package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the state keeps of the model family (issue 26): each version names the family that made it, older versions
 * read as Kontext's, and a conversation's steps and guidance follow the installed family's defaults until its user
 * picks a value.
 */
@RedisTest
class FamilyStateTest {

    private static final String CONV = new ConversationKey("web", "s1", Optional.empty(), Optional.empty()).id();
    private static final ConversationSettings KONTEXT = ConversationSettings.defaults();
    private static final ConversationSettings KLEIN = ConversationSettings.defaults().withSteps(4).withGuidance(0);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

    private ConversationStore store(UnifiedJedis redis, ConversationSettings defaults) {
        return new ConversationStore(redis, clock, RetentionPolicy.defaults(), defaults);
    }

    @Test
    void aVersionKeepsTheFamilyThatMadeItAndAnUploadHasNone(UnifiedJedis redis) {
        ConversationStore store = store(redis, KLEIN);
        Version root = store.append(CONV, NewVersion.upload(store.blobs(CONV, "u").putPng(TestImages.png(1)), 64, 64,
                "u", "up"));
        Version made = store.append(CONV, new NewVersion(root.id(), "night", "Make it night", 7, 4, 0, 64, 64,
                store.blobs(CONV, "u").putPng(TestImages.png(2)), null, "u", "job-1", "klein"));

        assertThat(store.find(CONV, made.id()).orElseThrow().family()).isEqualTo("klein");
        assertThat(store.find(CONV, made.id()).orElseThrow().madeBy("klein")).isTrue();
        assertThat(store.find(CONV, made.id()).orElseThrow().madeBy("kontext")).isFalse();
        assertThat(store.find(CONV, root.id()).orElseThrow().family()).isNull();
        assertThatThrownBy(() -> new NewVersion(root.id(), "x", "x", 1, 4, 0, 64, 64, made.imageBlob(), null, "u",
                "job-2", "Klein Two!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVersionStoredBeforeFamiliesWereRecordedReadsAsKontextsWhenAModelMadeIt(UnifiedJedis redis) {
        // The JSON form written before this change: no "m" field.
        String edited = "{\"p\":\"a-1\",\"it\":\"smile\",\"is\":\"Make her smile\",\"sd\":3,\"st\":28,\"g\":2.5,"
                + "\"w\":1024,\"h\":1024,\"img\":\"png-x\",\"a\":\"u\",\"t\":1,\"j\":\"job\"}";
        String upload = "{\"it\":\"\",\"is\":\"\",\"sd\":0,\"st\":0,\"g\":0,\"w\":1024,\"h\":1024,\"img\":\"png-x\","
                + "\"a\":\"u\",\"t\":1}";

        assertThat(StoredForms.decodeVersion("a-2", edited).family()).isEqualTo("kontext");
        assertThat(StoredForms.decodeVersion("a-1", upload).family()).isNull();
    }

    @Test
    void settingsFollowTheInstalledFamilysDefaultsUntilTheUserPicksAValue(UnifiedJedis redis) {
        store(redis, KONTEXT).updateSettings(CONV, s -> s.withSeed(42));
        // The operator installs klein: the conversation that changed only its seed runs klein's 4 steps.
        assertThat(store(redis, KLEIN).settings(CONV)).isEqualTo(new ConversationSettings(4, 0, OptionalLong.of(42),
                "auto"));

        store(redis, KLEIN).updateSettings(CONV, s -> s.withSteps(8));
        assertThat(store(redis, KLEIN).settings(CONV).steps()).isEqualTo(8);
        assertThat(store(redis, KONTEXT).settings(CONV).steps()).as("a value the user picked stays").isEqualTo(8);
        assertThat(store(redis, KONTEXT).settings(CONV).guidance()).isEqualTo(2.5);
    }

    @Test
    void settingsWrittenInTheFirstFormReadTheirKontextDefaultsAsUnset(UnifiedJedis redis) {
        redis.set(ConversationKeyspace.key(CONV, "settings"), "{\"steps\":28,\"guidance\":2.5,\"seed\":5,\"aspect\":\"16:9\"}");
        assertThat(store(redis, KLEIN).settings(CONV)).isEqualTo(new ConversationSettings(4, 0, OptionalLong.of(5),
                "16:9"));

        redis.set(ConversationKeyspace.key(CONV, "settings"), "{\"steps\":12,\"guidance\":3.5,\"aspect\":\"auto\"}");
        assertThat(store(redis, KLEIN).settings(CONV)).isEqualTo(new ConversationSettings(12, 3.5,
                OptionalLong.empty(), "auto"));
    }
}
