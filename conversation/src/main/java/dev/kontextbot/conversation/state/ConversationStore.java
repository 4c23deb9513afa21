package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StorageLedger;
import dev.kontextbot.conversation.retention.StoreCalls;
import dev.kontextbot.conversation.state.ConversationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * A conversation's edit tree, references, settings and message index in Redis. Every write is one Lua script
 * in the conversation's slot (atomic under any number of bot and worker processes) and refreshes the TTL of
 * everything the conversation owns. Conversations are named by {@link ConversationKey#id()}.
 */
public final class ConversationStore {

    /** How many references of each kind a conversation keeps. */
    public static final int REFERENCES_PER_KIND = 3;
    private static final Pattern VERSION_ID = Pattern.compile("[0-9a-f]{8}-\\d{1,9}");
    private static final int SETTINGS_RETRIES = 20;
    /** How long the time of a forget is kept: longer than anything made before it may wait on the review list. */
    public static final Duration FORGOTTEN_MARK = Duration.ofDays(366);

    private final UnifiedJedis redis;
    private final Clock clock;
    private final RetentionPolicy policy;
    private final ConversationSettings defaults;
    private final StorageLedger ledger;
    private final DriftLog driftLog;
    private final TreeScriptCalls scripts;
    private final MessageIndex messages;
    private final VersionLookup lookup;
    private final ReferenceShelf references;

    public ConversationStore(UnifiedJedis redis, Clock clock, RetentionPolicy policy) {
        this(redis, clock, policy, ConversationSettings.defaults());
    }

    /** {@code defaults} are the settings of a conversation that never changed them (KONTEXT_STEPS, ...). */
    public ConversationStore(UnifiedJedis redis, Clock clock, RetentionPolicy policy, ConversationSettings defaults) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.ledger = new StorageLedger(redis, policy, clock);
        this.driftLog = new DriftLog(redis, policy);
        this.scripts = new TreeScriptCalls(redis);
        this.messages = new MessageIndex(redis, policy, scripts);
        this.lookup = new VersionLookup(redis, policy);
        this.references = new ReferenceShelf(redis, policy, scripts, ledger);
    }

    /** Each version's measured drift against its root. */
    public DriftLog driftLog() {
        return driftLog;
    }

    /** The conversation's blobs; new bytes are charged to {@code userId}. */
    public BlobStore blobs(String conv, String userId) {
        return new BlobStore(redis, clock, policy, conv, userId);
    }

    public RetentionPolicy policy() {
        return policy;
    }

    // ---- the edit tree ----

    /** Adds a version and makes it the head. A job id seen before returns that job's version instead. */
    public Version append(String conv, NewVersion v) {
        return append(conv, v, "");
    }

    /**
     * Appends a version made for the conversation as it stood at {@code madeAt} (a held result an admin releases):
     * refused with {@link Reason#FORGOTTEN} when the conversation was forgotten since, and with
     * {@link Reason#VERSION_NOT_FOUND} when its parent is gone or younger than that (the id of a later conversation).
     * Checked in the same script that appends, so a forget cannot slip in between.
     */
    public Version appendMadeAt(String conv, NewVersion v, Instant madeAt) {
        return append(conv, v, Long.toString(madeAt.toEpochMilli()));
    }

    private Version append(String conv, NewVersion v, String madeAt) {
        if (v.parentId() != null) {
            requireOwnId(conv, v.parentId());
        }
        String blobs = v.latentBlob() == null ? v.imageBlob() : v.imageBlob() + "," + v.latentBlob();
        List<String> reply = scripts.runRaw(conv, TreeScripts.APPEND,
                ttl(), Long.toString(clock.millis()), Long.toString(ConversationKeyspace.PENDING_GRACE_MILLIS),
                tag(conv), v.jobId() == null ? "" : v.jobId(), v.parentId() == null ? "" : v.parentId(),
                StoredForms.encode(v, clock.millis()), blobs, Integer.toString(policy.maxVersions()), madeAt);
        ledger.sync(conv);
        if ("ERR".equals(reply.get(0))) {
            throw TreeScriptCalls.error(reply.get(1), reply.get(2));
        }
        return load(conv, reply.get(1)).orElseThrow(() -> new ConversationException(new Refusal.VersionPruned()));
    }

    /** The version a job (or one step of it, {@code <job>#<step>}) appended, while it is stored. */
    public Optional<Version> versionOfJob(String conv, String jobId) {
        String id = StoreCalls.call(() -> redis.hget(ConversationKeyspace.key(conv, "jobs"), jobId));
        return id == null ? Optional.empty() : load(conv, id);
    }

    public Optional<Version> head(String conv) {
        String head = StoreCalls.call(() -> redis.hget(ConversationKeyspace.meta(conv), "head"));
        return head == null ? Optional.empty() : load(conv, head);
    }

    /** Moves the head to its parent; the old head can be redone. */
    public Version undo(String conv) {
        return moved(conv, scripts.run(conv, TreeScripts.UNDO, ttl()));
    }

    public Version redo(String conv) {
        return moved(conv, scripts.run(conv, TreeScripts.REDO, ttl()));
    }

    /** Makes the named version the head (the next edit branches from it); clears the redo stack. */
    public Version goTo(String conv, VersionRef ref) {
        String id = lookup.resolve(conv, ref, this);
        return moved(conv, scripts.run(conv, TreeScripts.GO_TO, ttl(), id));
    }

    /** Starts over: no head, so the next append is a new root. The old tree stays until retention removes it. */
    public void reset(String conv) {
        scripts.run(conv, TreeScripts.RESET, ttl());
    }

    /** Every version, oldest first, marked when it is the head or one of its ancestors. */
    public List<HistoryEntry> history(String conv) {
        return lookup.history(conv);
    }

    /**
     * A version of this conversation. A well-formed id of another conversation is refused with
     * {@link NotInThisConversationException}; an unknown one is empty.
     */
    public Optional<Version> find(String conv, String versionId) {
        if (versionId == null || !VERSION_ID.matcher(versionId).matches()) {
            return Optional.empty();
        }
        requireOwnId(conv, versionId);
        return load(conv, versionId);
    }

    // ---- references ----

    /** Names a stored image of this conversation as a character or style reference (replacing a same name). */
    public Reference setReference(String conv, ReferenceKind kind, String name, String blobId) {
        return references.set(conv, kind, name, blobId);
    }

    /** Removes one reference; false when there was none of that name. */
    public boolean clearReference(String conv, ReferenceKind kind, String name) {
        return references.clear(conv, kind, name);
    }

    /** Removes every reference of a kind; returns how many there were. */
    public int clearReferences(String conv, ReferenceKind kind) {
        return references.clearAll(conv, kind);
    }

    public List<Reference> references(String conv) {
        return references.all(conv);
    }

    // ---- settings ----

    public ConversationSettings settings(String conv) {
        return StoredForms.decodeSettings(StoreCalls.call(() -> redis.get(ConversationKeyspace.key(conv, "settings"))),
                defaults);
    }

    /** Applies a change atomically (compare-and-set, retried when another writer got there first). */
    public ConversationSettings updateSettings(String conv, UnaryOperator<ConversationSettings> change) {
        for (int attempt = 0; attempt < SETTINGS_RETRIES; attempt++) {
            String raw = StoreCalls.call(() -> redis.get(ConversationKeyspace.key(conv, "settings")));
            ConversationSettings next = change.apply(StoredForms.decodeSettings(raw, defaults));
            List<String> reply = scripts.runRaw(conv, TreeScripts.SET_SETTINGS, ttl(), raw == null ? "" : raw,
                    raw == null ? "0" : "1", StoredForms.encode(next, defaults));
            if (!"ERR".equals(reply.get(0))) {
                return next;
            }
        }
        throw new IllegalStateException("Settings of " + conv + " kept changing under concurrent writers");
    }

    // ---- message index ----

    /** Remembers that a platform message shows a version of this conversation. */
    public void recordMessage(MessageRef msg, String conv, String versionId) {
        requireOwnId(conv, versionId);
        messages.record(msg, conv, versionId);
    }

    /**
     * The version a message shows, looked up only within the chat the message comes from. Empty when the
     * message is unknown or its version has since been removed.
     */
    public Optional<ShownVersion> resolveMessage(MessageRef msg) {
        return messages.resolve(msg).flatMap(shown -> load(shown.conversation(), shown.versionId())
                .map(v -> new ShownVersion(shown.conversation(), v)));
    }

    /**
     * Continues in {@code conv} from a version shown by a message (a reply to a result): in its own conversation
     * that is a go-to; from another user's conversation the image (and latents) are copied here as a new root
     * whose instruction names where it came from. Copying twice returns the same version.
     */
    public Version continueFrom(String conv, ShownVersion shown, String author) {
        if (shown.conversation().equals(conv)) {
            return goTo(conv, new VersionRef.ById(shown.version().id()));
        }
        Version source = shown.version();
        BlobStore from = blobs(shown.conversation(), author);
        BlobStore to = blobs(conv, author);
        byte[] png = from.png(source.imageBlob()).orElseThrow(() -> new ConversationException(new Refusal.ImageGone()));
        String image = to.putPng(png);
        String latents = source.latentBlob() == null ? null
                : from.latents(source.latentBlob()).map(to::putLatents).orElse(null);
        Version copy = append(conv, new NewVersion(null, source.instructionTyped(), source.instructionSent(),
                source.seed(), source.steps(), source.guidance(), source.width(), source.height(), image, latents,
                author, "continue:" + shown.conversation() + ":" + source.id(), source.family()));
        return head(conv).filter(h -> h.id().equals(copy.id())).orElseGet(
                () -> goTo(conv, new VersionRef.ById(copy.id())));
    }

    // ---- retention ----

    /**
     * Deletes everything the conversation owns: tree, images, references, settings, memory, index entries. Its
     * recent jobs (see {@code ConversationJobs}) are revoked: a job still running or queued that finishes later does
     * not write a version, so a forgotten conversation never comes back as a new v1.
     */
    public void forget(String conv) {
        String markTtl = Long.toString(Math.max(policy.idleTtl().toMillis(), FORGOTTEN_MARK.toMillis()));
        Object reply = StoreCalls.call(() -> redis.eval(TreeScripts.FORGET,
                List.of(ConversationKeyspace.meta(conv)), List.of(ttl(), Long.toString(clock.millis()), markTtl)));
        List<?> lists = (List<?>) reply;
        for (Object key : (List<?>) lists.get(0)) {
            StoreCalls.run(() -> redis.del((String) key));
        }
        ledger.remove(conv, ((List<?>) lists.get(1)).stream().map(String.class::cast).toList());
    }

    // ---- internals ----

    private Optional<Version> load(String conv, String id) {
        String json = StoreCalls.call(() -> redis.hget(ConversationKeyspace.key(conv, "versions"), id));
        return Optional.ofNullable(json).map(j -> StoredForms.decodeVersion(id, j));
    }

    private Version moved(String conv, List<String> reply) {
        return load(conv, reply.get(1)).orElseThrow(() -> new ConversationException(new Refusal.VersionNoLongerStored()));
    }

    Version requireHead(String conv) {
        return head(conv).orElseThrow(() -> new ConversationException(new Refusal.NoImageYet()));
    }

    /** Refuses a well-formed version id minted by another conversation. */
    private void requireOwnId(String conv, String versionId) {
        if (versionId == null || !VERSION_ID.matcher(versionId).matches()) {
            throw new ConversationException(new Refusal.NotAVersionId(String.valueOf(versionId)));
        }
        if (!versionId.startsWith(tag(conv) + "-")) {
            throw new NotInThisConversationException(versionId);
        }
    }

    private String ttl() {
        return Long.toString(policy.idleTtl().toMillis());
    }

    /** First 8 hex digits of SHA-256(conversation id): marks the version ids this conversation mints. */
    static String tag(String conv) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(ConversationKeyspace.checked(conv).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
