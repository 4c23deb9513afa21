package dev.kontextbot.core.view;

import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.HistoryEntry;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.state.VersionRef;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.ConversationViews.DriftView;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.drift.DriftGauges;
import dev.kontextbot.core.edit.FamilySettings;
import dev.kontextbot.core.health.BotMetrics;
import dev.kontextbot.core.image.PictureScaler;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.core.turn.ConversationIds;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.turn.TurnSerializer;
import dev.kontextbot.core.words.StateWords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** What a rich client (the playground) reads and changes: the version tree, pictures, settings, references. */
public final class ConversationPages implements ConversationViews {

    private static final int THUMBNAIL_SIDE = 256;

    private final ConversationStore store;
    private final ConversationIds conversations;
    private final TurnSerializer turns;
    private final VersionReplies replies;
    private final FamilySettings familySettings;
    private final boolean takesGuidance;
    private final DriftGauges driftGauges;
    private final PictureScaler scaler;
    private final BotMetrics metrics;
    private final StateWords words;

    /** {@code turns}: going to a version waits its turn like a message, so it never races an edit. */
    public ConversationPages(ConversationStore store, ConversationIds conversations, TurnSerializer turns,
                             VersionReplies replies, FamilySettings familySettings, DriftGauges driftGauges,
                             PictureScaler scaler, BotMetrics metrics, StateWords words) {
        this.words = words;
        this.store = store;
        this.conversations = conversations;
        this.turns = turns;
        this.replies = replies;
        this.familySettings = familySettings;
        this.takesGuidance = familySettings.family().takesGuidance();
        this.driftGauges = driftGauges;
        this.scaler = scaler;
        this.metrics = metrics;
    }

    @Override
    public List<VersionView> history(ChatOrigin origin) throws ConversationViewException {
        String conv = conversations.of(origin);
        return view(() -> {
            List<HistoryEntry> history = store.history(conv);
            Map<String, String> drifts = store.driftLog().all(conv);
            Map<String, Version> byId = new HashMap<>();
            history.forEach(e -> byId.put(e.version().id(), e.version()));
            List<VersionView> out = new ArrayList<>();
            for (HistoryEntry entry : history) {
                Version v = entry.version();
                Optional<DriftView> drift = Optional.ofNullable(drifts.get(v.id()))
                        .flatMap(stored -> driftGauges.of(stored, rootOf(v, byId).label()));
                out.add(new VersionView(v.id(), v.number(), Optional.ofNullable(v.parentId()), v.instructionTyped(),
                        v.instructionSent(), v.seed(), v.width(), v.height(), v.createdAt(), entry.head(),
                        entry.onHeadPath(), drift));
            }
            return out;
        });
    }

    /** The root of {@code v}'s tree among the versions still stored (a removed parent ends the walk). */
    private static Version rootOf(Version v, Map<String, Version> byId) {
        Version root = v;
        while (root.parentId() != null && byId.containsKey(root.parentId())) {
            root = byId.get(root.parentId());
        }
        return root;
    }

    @Override
    public Optional<byte[]> image(ChatOrigin origin, String versionId, boolean thumbnail)
            throws ConversationViewException {
        String conv = conversations.of(origin);
        return view(() -> {
            Version v = store.find(conv, versionId).orElseThrow(() -> new ConversationException(
                    ConversationException.Reason.VERSION_NOT_FOUND, "There is no such version."));
            Optional<byte[]> bytes = store.blobs(conv, origin.user().id()).png(v.imageBlob());
            return thumbnail ? bytes.map(b -> scaler.scaled(b, THUMBNAIL_SIDE)) : bytes;
        });
    }

    @Override
    public Reply goTo(ChatOrigin origin, String versionId) {
        String conv = conversations.of(origin);
        CompletableFuture<Reply> result = new CompletableFuture<>();
        turns.submit(conv, () -> {
            try {
                Version v = store.goTo(conv, new VersionRef.ById(versionId));
                result.complete(replies.show(conv, origin.user().id(), v, Optional.empty()));
            } catch (ConversationException e) {
                result.complete(new Reply.Error(StateWords.code(e), words.refusal(e)));
            } catch (StoreUnavailableException e) {
                result.complete(new Reply.Error("store_unavailable", words.storeUnavailable()));
            } catch (RuntimeException e) {
                result.complete(new Reply.Error("internal", "That version could not be opened."));
            }
        });
        return result.join();
    }

    @Override
    public SettingsView settings(ChatOrigin origin) throws ConversationViewException {
        String conv = conversations.of(origin);
        return view(() -> settingsView(store.settings(conv)));
    }

    @Override
    public SettingsView updateSettings(ChatOrigin origin, SettingsUpdate changes) throws ConversationViewException {
        String conv = conversations.of(origin);
        try {
            familySettings.checkGiven(changes.steps().orElse(null), changes.guidance().orElse(null));
        } catch (TurnException e) {
            throw new ConversationViewException(e.code(), e.getMessage());
        }
        return view(() -> settingsView(store.updateSettings(conv, s -> changed(s, changes))));
    }

    private static ConversationSettings changed(ConversationSettings s, SettingsUpdate changes) {
        ConversationSettings next = s;
        if (changes.steps().isPresent()) {
            next = next.withSteps(changes.steps().get());
        }
        if (changes.guidance().isPresent()) {
            next = next.withGuidance(changes.guidance().get());
        }
        if (changes.seed().isPresent()) {
            next = changes.seed().get() < 0 ? next.withRandomSeed() : next.withSeed(changes.seed().get());
        }
        if (changes.aspect().isPresent()) {
            next = next.withAspect(changes.aspect().get());
        }
        return next;
    }

    @Override
    public List<ReferenceView> references(ChatOrigin origin) throws ConversationViewException {
        String conv = conversations.of(origin);
        return view(() -> store.references(conv).stream()
                .map(r -> new ReferenceView(r.kind().name().toLowerCase(Locale.ROOT), r.name(), r.blobId()))
                .toList());
    }

    private SettingsView settingsView(ConversationSettings s) {
        return new SettingsView(s.steps(), takesGuidance ? OptionalDouble.of(s.guidance()) : OptionalDouble.empty(),
                s.seed().isPresent() ? OptionalLong.of(s.seed().getAsLong()) : OptionalLong.empty(),
                Optional.ofNullable(s.aspect()));
    }

    private interface ViewCall<T> {
        T get();
    }

    private <T> T view(ViewCall<T> call) throws ConversationViewException {
        try {
            return call.get();
        } catch (ConversationException e) {
            throw new ConversationViewException(StateWords.code(e), words.refusal(e));
        } catch (IllegalArgumentException e) {
            throw new ConversationViewException("invalid_request", "That request is not valid.");
        } catch (StoreUnavailableException e) {
            metrics.storeError();
            throw new ConversationViewException("store_unavailable", words.storeUnavailable());
        }
    }
}
