package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationException.Reason;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class ConversationStoreTest {

    private static final String ALICE = new ConversationKey("telegram", "-100", Optional.empty(), Optional.of("alice")).id();
    private static final String BOB = new ConversationKey("telegram", "-100", Optional.empty(), Optional.of("bob")).id();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private ConversationStore store;
    private UnifiedJedis redis;

    @BeforeEach
    void setUp(UnifiedJedis redis) {
        this.redis = redis;
        store = new ConversationStore(redis, clock, RetentionPolicy.defaults());
    }

    private Version upload(String conv, long seed) {
        String png = store.blobs(conv, "alice").putPng(TestImages.png(seed));
        return store.append(conv, NewVersion.upload(png, 1024, 1024, "alice", "upload-" + seed));
    }

    private Version edit(String conv, Version parent, String instruction, long seed) {
        String png = store.blobs(conv, "alice").putPng(TestImages.png(seed));
        return store.append(conv, new NewVersion(parent.id(), instruction, "Make " + instruction, seed, 28, 2.5,
                1024, 1024, png, null, "alice", "job-" + seed));
    }

    @Test
    void appendNumbersVersionsAndMovesTheHead() {
        assertThat(store.head(ALICE)).isEmpty();
        Version v1 = upload(ALICE, 1);
        Version v2 = edit(ALICE, v1, "smile", 2);

        assertThat(v1.number()).isEqualTo(1);
        assertThat(v1.isRoot()).isTrue();
        assertThat(v2.number()).isEqualTo(2);
        assertThat(v2.label()).isEqualTo("v2");
        assertThat(v2.parentId()).isEqualTo(v1.id());
        assertThat(v2.instructionTyped()).isEqualTo("smile");
        assertThat(v2.instructionSent()).isEqualTo("Make smile");
        assertThat(v2.seed()).isEqualTo(2);
        assertThat(v2.guidance()).isEqualTo(2.5);
        assertThat(v2.createdAt()).isEqualTo(clock.instant());
        assertThat(v2.jobId()).isEqualTo("job-2");
        assertThat(store.head(ALICE)).contains(v2);
    }

    @Test
    void aRetriedJobReturnsTheVersionItAlreadyMade() {
        Version v1 = upload(ALICE, 1);
        Version first = edit(ALICE, v1, "smile", 2);
        Version again = edit(ALICE, v1, "smile", 2);

        assertThat(again).isEqualTo(first);
        assertThat(store.history(ALICE)).hasSize(2);
    }

    @Test
    void undoAndRedoWalkTheHeadPath() {
        Version v1 = upload(ALICE, 1);
        Version v2 = edit(ALICE, v1, "smile", 2);
        Version v3 = edit(ALICE, v2, "sunglasses", 3);

        assertThat(store.undo(ALICE)).isEqualTo(v2);
        assertThat(store.undo(ALICE)).isEqualTo(v1);
        assertThatThrownBy(() -> store.undo(ALICE)).isInstanceOf(ConversationException.class)
                .hasMessage(new Refusal.NothingToUndo().toString())
                .extracting(e -> ((ConversationException) e).reason()).isEqualTo(Reason.NOTHING_TO_UNDO);
        assertThat(store.redo(ALICE)).isEqualTo(v2);
        assertThat(store.redo(ALICE)).isEqualTo(v3);
        assertThatThrownBy(() -> store.redo(ALICE)).isInstanceOf(ConversationException.class)
                .extracting(e -> ((ConversationException) e).reason()).isEqualTo(Reason.NOTHING_TO_REDO);
    }

    @Test
    void anEmptyConversationHasNothingToUndoOrGoTo() {
        assertThatThrownBy(() -> store.undo(ALICE)).isInstanceOf(ConversationException.class)
                .hasMessage(new Refusal.NoImageYet().toString());
        assertThatThrownBy(() -> store.goTo(ALICE, new VersionRef.Original()))
                .isInstanceOf(ConversationException.class).hasMessage(new Refusal.NoImageYet().toString());
    }

    @Test
    void aNewEditAfterUndoBranchesAndClearsRedo() {
        Version v1 = upload(ALICE, 1);
        Version v2 = edit(ALICE, v1, "smile", 2);
        store.undo(ALICE);
        Version v3 = edit(ALICE, v1, "frown", 3);

        assertThat(v3.parentId()).isEqualTo(v1.id());
        assertThatThrownBy(() -> store.redo(ALICE)).isInstanceOf(ConversationException.class);
        List<HistoryEntry> history = store.history(ALICE);
        assertThat(history).extracting(h -> h.version().id()).containsExactly(v1.id(), v2.id(), v3.id());
        assertThat(history).extracting(HistoryEntry::onHeadPath).containsExactly(true, false, true);
        assertThat(history).extracting(HistoryEntry::head).containsExactly(false, false, true);
    }

    @Test
    void goToFindsVersionsByIdNumberOriginalAndPrevious() {
        Version v1 = upload(ALICE, 1);
        Version v2 = edit(ALICE, v1, "smile", 2);
        Version v3 = edit(ALICE, v2, "hat", 3);

        assertThat(store.goTo(ALICE, VersionRef.parse("the previous one"))).isEqualTo(v2);
        assertThat(store.goTo(ALICE, VersionRef.parse("v3"))).isEqualTo(v3);
        assertThat(store.goTo(ALICE, VersionRef.parse("the original"))).isEqualTo(v1);
        assertThat(store.goTo(ALICE, VersionRef.parse(v2.id()))).isEqualTo(v2);
        assertThat(store.head(ALICE)).contains(v2);
        assertThatThrownBy(() -> store.goTo(ALICE, new VersionRef.ByNumber(9)))
                .isInstanceOf(ConversationException.class)
                .hasMessage(new Refusal.NoSuchNumber(9, RetentionPolicy.defaults().maxVersions()).toString());
        store.goTo(ALICE, new VersionRef.Original());
        assertThatThrownBy(() -> store.goTo(ALICE, new VersionRef.Previous()))
                .hasMessage(new Refusal.NoPrevious().toString());
    }

    @Test
    void goToClearsTheRedoStack() {
        Version v1 = upload(ALICE, 1);
        Version v2 = edit(ALICE, v1, "smile", 2);
        edit(ALICE, v2, "hat", 3);
        store.undo(ALICE);
        store.undo(ALICE);
        assertThat(redis.llen("kb:{" + ALICE + "}:redo")).isEqualTo(2);

        store.goTo(ALICE, new VersionRef.ByNumber(2));

        assertThat(redis.llen("kb:{" + ALICE + "}:redo")).isZero();
        assertThatThrownBy(() -> store.redo(ALICE)).isInstanceOf(ConversationException.class);
    }

    @Test
    void resetStartsANewRootAndKeepsTheOldTree() {
        Version v1 = upload(ALICE, 1);
        edit(ALICE, v1, "smile", 2);
        store.reset(ALICE);

        assertThat(store.head(ALICE)).isEmpty();
        Version root = upload(ALICE, 3);
        assertThat(root.isRoot()).isTrue();
        assertThat(root.number()).isEqualTo(3);
        assertThat(store.history(ALICE)).hasSize(3)
                .extracting(HistoryEntry::onHeadPath).containsExactly(false, false, true);
        assertThat(store.goTo(ALICE, new VersionRef.ByNumber(2)).instructionTyped()).isEqualTo("smile");
    }

    @Test
    void aVersionOfAnotherConversationIsRefusedInPlainWords() {
        Version bobs = upload(BOB, 1);
        upload(ALICE, 2);

        assertThatThrownBy(() -> store.find(ALICE, bobs.id()))
                .isInstanceOf(NotInThisConversationException.class)
                .hasMessage(new Refusal.OtherConversation(bobs.id()).toString());
        assertThatThrownBy(() -> store.goTo(ALICE, new VersionRef.ById(bobs.id())))
                .isInstanceOf(NotInThisConversationException.class);
        assertThatThrownBy(() -> edit(ALICE, bobs, "steal", 3)).isInstanceOf(NotInThisConversationException.class);
        assertThat(store.find(BOB, bobs.id())).contains(bobs);
        assertThat(store.find(ALICE, "nonsense")).isEmpty();
    }

    @Test
    void aConversationCannotUseAnotherConversationsBlob() {
        String bobsImage = store.blobs(BOB, "bob").putPng(TestImages.png(7));
        BlobStore alices = store.blobs(ALICE, "alice");

        assertThat(alices.contains(bobsImage)).isFalse();
        assertThat(alices.png(bobsImage)).isEmpty();
        assertThatThrownBy(() -> store.append(ALICE, NewVersion.upload(bobsImage, 8, 8, "alice", "j")))
                .isInstanceOf(ConversationException.class)
                .extracting(e -> ((ConversationException) e).reason()).isEqualTo(Reason.IMAGE_MISSING);
        assertThatThrownBy(() -> store.setReference(ALICE, ReferenceKind.STYLE, "x", bobsImage))
                .isInstanceOf(ConversationException.class);
    }

    @Test
    void referencesAreNamedCappedAndReleasedWhenCleared() {
        BlobStore blobs = store.blobs(ALICE, "alice");
        String mia = blobs.putPng(TestImages.png(1));
        String mia2 = blobs.putPng(TestImages.png(2));
        store.setReference(ALICE, ReferenceKind.CHARACTER, "Mia", mia);
        store.setReference(ALICE, ReferenceKind.CHARACTER, "Mia", mia2);
        assertThat(blobs.contains(mia)).as("replaced reference image is unreferenced").isFalse();
        store.setReference(ALICE, ReferenceKind.CHARACTER, "Tom", mia2);
        store.setReference(ALICE, ReferenceKind.CHARACTER, "Ann", mia2);
        store.setReference(ALICE, ReferenceKind.STYLE, "ink", mia2);

        assertThatThrownBy(() -> store.setReference(ALICE, ReferenceKind.CHARACTER, "Zed", mia2))
                .isInstanceOf(ConversationException.class).hasMessage(new Refusal.ReferenceLimit(3).toString());
        assertThat(store.references(ALICE)).containsExactly(
                new Reference(ReferenceKind.CHARACTER, "Ann", mia2), new Reference(ReferenceKind.CHARACTER, "Mia", mia2),
                new Reference(ReferenceKind.CHARACTER, "Tom", mia2), new Reference(ReferenceKind.STYLE, "ink", mia2));

        assertThat(store.clearReference(ALICE, ReferenceKind.CHARACTER, "Mia")).isTrue();
        assertThat(store.clearReference(ALICE, ReferenceKind.CHARACTER, "Mia")).isFalse();
        assertThat(store.clearReferences(ALICE, ReferenceKind.CHARACTER)).isEqualTo(2);
        assertThat(blobs.contains(mia2)).isTrue();
        store.clearReferences(ALICE, ReferenceKind.STYLE);
        assertThat(store.references(ALICE)).isEmpty();
        assertThat(blobs.contains(mia2)).as("nothing points at it any more").isFalse();
    }

    @Test
    void settingsHaveDefaultsAndUpdate() {
        assertThat(store.settings(ALICE)).isEqualTo(ConversationSettings.defaults());
        store.updateSettings(ALICE, s -> s.withSteps(20).withSeed(42).withAspect("16:9"));
        store.updateSettings(ALICE, s -> s.withGuidance(3.5));

        assertThat(store.settings(ALICE)).isEqualTo(new ConversationSettings(20, 3.5, OptionalLong.of(42), "16:9"));
        assertThat(store.settings(ALICE).withRandomSeed().seed()).isEmpty();
        assertThat(store.settings(BOB)).isEqualTo(ConversationSettings.defaults());
        assertThatThrownBy(() -> store.updateSettings(ALICE, s -> s.withSteps(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Steps must be between 1 and 100");
    }

    @Test
    void concurrentSettingsUpdatesAreNotLost() throws Exception {
        store.updateSettings(ALICE, s -> s.withSteps(1));
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; n < 5; n++) {
                    store.updateSettings(ALICE, s -> s.withSteps(s.steps() + 1));
                }
            }));
        }
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofMinutes(1))).as("updater finished").isTrue();
        }
        assertThat(store.settings(ALICE).steps()).isEqualTo(21);
    }

    @Test
    void aMessageResolvesToItsVersionOnlyInItsOwnChat() {
        Version v1 = upload(ALICE, 1);
        MessageRef shown = new MessageRef("telegram", "-100", "555");
        store.recordMessage(shown, ALICE, v1.id());

        assertThat(store.resolveMessage(shown)).contains(new ShownVersion(ALICE, v1));
        assertThat(store.resolveMessage(new MessageRef("telegram", "-200", "555"))).isEmpty();
        assertThat(store.resolveMessage(new MessageRef("discord", "-100", "555"))).isEmpty();
        assertThatThrownBy(() -> store.recordMessage(new MessageRef("telegram", "-100", "556"), BOB, v1.id()))
                .isInstanceOf(NotInThisConversationException.class);
    }

    @Test
    void aReplyToAnotherUsersResultContinuesInTheRepliersConversation() {
        Version alices = edit(ALICE, upload(ALICE, 1), "smile", 2);
        MessageRef shown = new MessageRef("telegram", "-100", "777");
        store.recordMessage(shown, ALICE, alices.id());

        ShownVersion resolved = store.resolveMessage(shown).orElseThrow();
        Version bobs = store.continueFrom(BOB, resolved, "bob");
        Version again = store.continueFrom(BOB, resolved, "bob");

        assertThat(bobs.id()).startsWith(ConversationStore.tag(BOB));
        assertThat(bobs.imageBlob()).isEqualTo(alices.imageBlob());
        assertThat(store.blobs(BOB, "bob").png(bobs.imageBlob())).contains(TestImages.png(2));
        assertThat(again).isEqualTo(bobs);
        assertThat(store.head(BOB)).contains(bobs);
        assertThat(store.head(ALICE)).contains(alices);
        assertThat(store.continueFrom(ALICE, resolved, "alice")).isEqualTo(alices);
    }

    @Test
    void aVersionMadeBeforeAForgetOrForAnEarlierParentIsRefused() {
        Version original = upload(ALICE, 1);
        clock.advance(java.time.Duration.ofMinutes(1));
        Instant madeAt = clock.instant();
        clock.advance(java.time.Duration.ofMinutes(1));
        String png = store.blobs(ALICE, "alice").putPng(TestImages.png(5));
        NewVersion held = new NewVersion(original.id(), "smile", "Make smile", 5, 28, 2.5, 1024, 1024, png, null,
                "alice", "job-5#released");
        store.forget(ALICE);
        clock.advance(java.time.Duration.ofMinutes(1));
        Version reborn = upload(ALICE, 2);
        assertThat(reborn.id()).as("the new original reuses the id").isEqualTo(original.id());

        String again = store.blobs(ALICE, "alice").putPng(TestImages.png(5));
        NewVersion retry = new NewVersion(original.id(), "smile", "Make smile", 5, 28, 2.5, 1024, 1024, again, null,
                "alice", "job-5#released");
        assertThatThrownBy(() -> store.appendMadeAt(ALICE, retry, madeAt))
                .isInstanceOfSatisfying(ConversationException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConversationException.Reason.FORGOTTEN));
        assertThat(store.history(ALICE)).extracting(h -> h.version().id()).containsExactly(reborn.id());

        // Without a forget, a parent younger than the job (an id of a later conversation) refuses it as well.
        Instant later = clock.instant();
        redis.del("kb:{" + ALICE + "}:forgotten");
        assertThatThrownBy(() -> store.appendMadeAt(ALICE, retry, later.minusSeconds(30)))
                .isInstanceOfSatisfying(ConversationException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConversationException.Reason.VERSION_NOT_FOUND));
        String fresh = store.blobs(ALICE, "alice").putPng(TestImages.png(6));
        NewVersion ok = new NewVersion(reborn.id(), "smile", "Make smile", 6, 28, 2.5, 1024, 1024, fresh, null,
                "alice", "job-6#released");
        assertThat(store.appendMadeAt(ALICE, ok, later).parentId()).isEqualTo(reborn.id());
    }

    @Test
    void forgetDeletesEverythingTheConversationOwnsAndNothingElse() {
        Version v1 = upload(ALICE, 1);
        edit(ALICE, v1, "smile", 2);
        store.setReference(ALICE, ReferenceKind.STYLE, "ink", v1.imageBlob());
        store.updateSettings(ALICE, s -> s.withSteps(10));
        store.recordMessage(new MessageRef("telegram", "-100", "1"), ALICE, v1.id());
        Version bobs = upload(BOB, 1);

        store.forget(ALICE);

        // Only the time of the forget stays (no content), so nothing made before it can come back.
        assertThat(redis.keys("kb:{" + ALICE + "}*")).containsExactly("kb:{" + ALICE + "}:forgotten");
        assertThat(redis.get("kb:{" + ALICE + "}:forgotten")).matches("\\d+");
        assertThat(redis.keys("kb:msg:*")).isEmpty();
        assertThat(redis.hgetAll("kb:{u:alice}:usage")).doesNotContainKey(ALICE);
        assertThat(store.history(ALICE)).isEmpty();
        assertThat(store.head(BOB)).contains(bobs);
        assertThat(store.blobs(BOB, "alice").png(bobs.imageBlob())).contains(TestImages.png(1));
    }

    @Test
    void everyWriteRefreshesTheTtlOfAllTheConversationsKeys() {
        Version v1 = upload(ALICE, 1);
        redis.pexpire("kb:{" + ALICE + "}:blob:" + v1.imageBlob(), 1_000);
        store.updateSettings(ALICE, s -> s.withSteps(5));

        long month = Duration.ofDays(30).toMillis();
        for (String key : redis.keys("kb:{" + ALICE + "}*")) {
            assertThat(redis.pttl(key)).as(key).isBetween(month - 60_000, month);
        }
        assertThat(redis.keys("kb:{" + ALICE + "}*")).hasSizeGreaterThan(8);
    }
}
