package dev.kontextbot.core;

import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.ConversationKeyPolicy;
import dev.kontextbot.conversation.state.ForgetConfirmations;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.HistoryEntry;
import dev.kontextbot.conversation.state.MessageRef;
import dev.kontextbot.conversation.state.ReferenceKind;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.state.VersionRef;
import dev.kontextbot.core.agent.ChatModels;
import dev.kontextbot.core.agent.LlmCircuitBreaker;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.conversation.llm.LlmStatusBoard;
import dev.kontextbot.core.agent.TurnAgent;
import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.BotHealth;
import dev.kontextbot.core.chat.BotInfo;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.ConversationViews.DriftView;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import dev.kontextbot.core.delivery.DeliveryRouter;
import dev.kontextbot.core.chat.ReviewDesk;
import dev.kontextbot.core.rules.Answers;
import dev.kontextbot.core.words.StateWords;
import dev.kontextbot.core.delivery.FrontEnd;
import dev.kontextbot.core.rules.RuleBasedChatModel;
import dev.kontextbot.core.safety.PlaceCommand;
import dev.kontextbot.core.safety.ReviewService;
import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.conversation.review.RelaxedChats;
import dev.kontextbot.conversation.review.ReviewList;
import dev.kontextbot.core.reply.ActionKeys;
import dev.kontextbot.core.drift.DriftGauges;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.edit.FamilySettings;
import dev.kontextbot.core.image.FetchOnceAttachment;
import dev.kontextbot.core.image.ImageIntake;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.edit.Variations;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.core.tools.BotFacts;
import dev.kontextbot.core.tools.EditTools;
import dev.kontextbot.core.tools.ForgetTools;
import dev.kontextbot.core.tools.RegionTools;
import dev.kontextbot.core.tools.DriftTools;
import dev.kontextbot.core.tools.VaryTools;
import dev.kontextbot.core.tools.HelpTools;
import dev.kontextbot.core.tools.HistoryTools;
import dev.kontextbot.core.tools.JobTools;
import dev.kontextbot.core.tools.ReferenceTools;
import dev.kontextbot.core.tools.SettingsTools;
import dev.kontextbot.core.tools.TalkTools;
import dev.kontextbot.core.turn.TurnSerializer;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.prompts.HelpText;
import dev.kontextbot.prompts.KontextPromptRules;
import dev.kontextbot.prompts.SystemPrompt;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.UnifiedJedis;

/**
 * The bot: turns (one at a time per conversation, on virtual threads), the agent and its tools, late deliveries,
 * and the views a rich client reads. Platform-neutral: adapters reach it only through {@link KontextBot},
 * {@link ConversationViews} and {@link BotHealth}.
 */
public final class BotCore implements KontextBot, ConversationViews, BotHealth, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotCore.class);
    /** Messages of agent memory kept per conversation: an LLM reads them; the rules only need a short trail. */
    private static final int LLM_MEMORY_MESSAGES = 30;
    private static final int RULES_MEMORY_MESSAGES = 10;
    private static final int THUMBNAIL_SIDE = 256;
    private static final int VISION_SIDE = 1024;

    private final BotCoreOptions options;
    private final FamilySettings familySettings;
    private final UnifiedJedis jedis;
    private final ConversationStore store;
    private final JobQueue queue;
    private final ConversationJobs recentJobs;
    private final ForgetConfirmations forgetConfirmations;
    private final EditService edits;
    private final VersionReplies replies;
    private final Variations variations;
    private final DeliveryRouter deliveries;
    private final TurnSerializer turns;
    private final TurnAgent agent;
    private final LlmCircuitBreaker llmBreaker;
    private final BotMetrics metrics;
    private final PngCodec png = new PngCodec();
    private final dev.kontextbot.core.image.DerivedPng derived = new dev.kontextbot.core.image.DerivedPng(png);
    private final LanczosResizer resizer = new LanczosResizer();
    private final ImageDecoder decoder = new ImageDecoder();
    private final DriftGauges driftGauges = new DriftGauges();
    private final String helpText;
    private final Answers answers;
    private final BotFacts facts;
    private final Set<String> toldAboutFallback = ConcurrentHashMap.newKeySet();
    private final Screening screening;
    private final PlaceCommand placeCommand;
    private final ReviewService review;
    private final ImageIntake intake;

    public BotCore(BotCoreOptions options, UnifiedJedis jedis, ConversationStore store, JobQueue queue,
                   MeterRegistry registry, String instanceName) {
        this(options, jedis, store, queue, registry, instanceName, null);
    }

    /** With {@code screening} (null: screening off, as when the operator set SAFETY_MODE=off). */
    public BotCore(BotCoreOptions options, UnifiedJedis jedis, ConversationStore store, JobQueue queue,
                   MeterRegistry registry, String instanceName, Screening screening) {
        this.options = options;
        this.screening = screening != null ? screening : Screening.off(
                new ReviewList(jedis, java.time.Clock.systemUTC(), SafetyOptions.defaults().reviewRetention()),
                new RelaxedChats(jedis), png::encodePng, registry);
        this.placeCommand = new PlaceCommand(this.screening);
        this.review = new ReviewService(this.screening.reviews(), store, queue);
        this.jedis = jedis;
        this.store = store;
        this.queue = queue;
        this.recentJobs = new ConversationJobs(jedis, store.policy());
        this.forgetConfirmations = new ForgetConfirmations(jedis);
        this.intake = new ImageIntake(decoder, new ContextCollage(resizer), options.maxUploadBytes());
        FrontEnd frontEnd = new FrontEnd(instanceName);
        this.familySettings = new FamilySettings(options.family());
        this.edits = new EditService(store, queue, recentJobs, new KontextPromptRules(options.maxEditsPerMessage()),
                intake, png, this.screening, frontEnd, options.keepUntouched(), familySettings);
        this.replies = new VersionReplies(store, options.standIn(), options.family());
        this.variations = new Variations(store);
        this.deliveries = new DeliveryRouter(jedis, store, queue, new ProgressBus(jedis), replies, frontEnd);
        RuleBasedChatModel rules = new RuleBasedChatModel();
        LlmOptions llm = options.llm();
        int memoryMessages = llm.provider() == LlmOptions.Provider.NONE ? RULES_MEMORY_MESSAGES : LLM_MEMORY_MESSAGES;
        this.llmBreaker = new LlmCircuitBreaker(llm.breakerOpenFor(), Clock.systemUTC(),
                new LlmStatusBoard(jedis, Clock.systemUTC(), instanceName));
        this.agent = new TurnAgent(llm.provider() == LlmOptions.Provider.NONE ? Optional.empty()
                : Optional.of(ChatModels.create(llm, rules)), rules,
                new RedisChatMemoryStore(jedis, store.policy(), memoryMessages, options.memoryBytes()),
                memoryMessages, new SystemPrompt().text(), llm.vision(), llmBreaker, llm.turnTimeout(),
                Clock.systemUTC());
        this.turns = new TurnSerializer(options.maxWaitingTurns());
        this.metrics = new BotMetrics(registry, queue);
        this.helpText = new HelpText().text();
        this.answers = Answers.load("en");
        this.facts = new BotFacts(options.modelName(), options.standIn(), licence(options.family()),
                queue::averageDuration, familySettings);
    }

    // ---- KontextBot ----

    @Override
    public CompletableFuture<Void> onMessage(ChatEvent event, ReplySink sink) {
        String conv = conversationOf(event.origin());
        return turns.submit(conv, () -> guarded(conv, sink, () -> messageTurn(conv, event, sink)),
                () -> tooManyWaiting(sink));
    }

    @Override
    public CompletableFuture<Void> onButton(ButtonPress press, ReplySink sink) {
        String conv = conversationOf(press.origin());
        return turns.submit(conv, () -> guarded(conv, sink, () -> buttonTurn(conv, press, sink)),
                () -> tooManyWaiting(sink));
    }

    private void tooManyWaiting(ReplySink sink) {
        try {
            sink.send(new Reply.Error("too_many_messages", "I am still working through your last "
                    + options.maxWaitingTurns() + " messages; please wait for my answers before sending more."));
        } catch (RuntimeException e) {
            log.warn("Could not say that too many messages are waiting: {}", e.getMessage());
        }
    }

    @Override
    public void register(ChatPlatform platform) {
        deliveries.register(platform);
    }

    @Override
    public BotInfo info() {
        return new BotInfo(options.modelName(), options.standIn(),
                licence(options.family()), helpText);
    }

    private void messageTurn(String conv, ChatEvent original, ReplySink sink) {
        if (original.text().isBlank() && original.attachments().isEmpty()) {
            return;
        }
        // Fetched once: a vision model looks at the pictures, and the tools store them.
        ChatEvent event = original.attachments().isEmpty() ? original : new ChatEvent(original.origin(),
                original.messageId(), original.text(),
                original.attachments().stream().<Attachment>map(FetchOnceAttachment::new).toList(),
                original.replyToMessageId(), original.interaction());
        TurnContext ctx = new TurnContext(event.origin(), Optional.of(event), conv, sink, store, event.interaction());
        screening.admit(event.origin());
        Optional<String> policy = placeCommand.handle(event.origin(), event.text());
        if (policy.isPresent()) {
            ctx.send(new Reply.Text(policy.get()));
            return;
        }
        screening.checkText(event.origin(), conv, event.text());
        if (options.llm().vision() && screening.screensPictures() && !event.attachments().isEmpty()) {
            screenBeforeTheModelSees(event, conv);
        }
        Optional<Version> head = store.head(conv);
        String situation = head.map(v -> "The conversation's current picture is " + v.label() + " ("
                        + v.width() + "x" + v.height() + ")" + (v.instructionSent().isBlank() ? "."
                        : ", made with: " + v.instructionSent()))
                .orElse("The conversation has no picture yet.");
        List<byte[]> vision = !options.llm().vision() ? List.of() : !event.attachments().isEmpty()
                ? sentPictures(event.attachments())
                : head.flatMap(v -> visionImage(conv, ctx.userId(), v)).map(List::of).orElse(List.of());
        List<Object> tools = List.of(
                new EditTools(ctx, edits, store, replies),
                new RegionTools(ctx, edits),
                new DriftTools(ctx, store, replies, edits),
                new VaryTools(ctx, edits, store, replies),
                new HistoryTools(ctx, store, replies),
                new ReferenceTools(ctx, store, edits),
                new SettingsTools(ctx, store, familySettings),
                new JobTools(ctx, queue, recentJobs),
                new ForgetTools(ctx, store, forgetConfirmations, queue, recentJobs, sharedConversation(event.origin())),
                new HelpTools(ctx, helpText),
                new TalkTools(ctx, edits, store, replies, answers, facts));
        TurnAgent.Outcome outcome = agent.run(conv, event.text(), event.attachments().size(), vision, situation,
                tools, ctx::forgotten);
        if (outcome.fellBack() && toldAboutFallback.add(conv)) {
            ctx.send(new Reply.Text("The language model is not reachable right now, so I used my built-in rules."));
        }
        boolean echoOfTool = outcome.ruleMode() || outcome.fellBack();
        if (!outcome.text().isBlank() && !(echoOfTool && ctx.sentMoreThanText())) {
            ctx.send(new Reply.Text(outcome.text()));
        }
        if (ctx.forgotten()) {
            sink.conversationForgotten();
        }
    }

    /** A vision model would see the pictures before any tool stores them: screen them first. */
    private void screenBeforeTheModelSees(ChatEvent event, String conv) {
        List<BufferedImage> parts;
        try {
            parts = intake.read(event.attachments()).parts();
        } catch (TurnException e) {
            return; // unreadable or too large: the tools tell the user, and nothing unreadable is stored
        }
        screening.checkUploads(event.origin(), conv, event.text(), parts);
    }

    /** The review desk for admins (the playground's review page). */
    public ReviewDesk review() {
        return review;
    }

    @Override
    public void onFlagged(java.util.function.Consumer<ReviewDesk.Entry> listener) {
        screening.onFlagged(item -> listener.accept(ReviewService.entry(item)));
    }

    private void buttonTurn(String conv, ButtonPress press, ReplySink sink) {
        TurnContext ctx = new TurnContext(press.origin(), Optional.empty(), conv, sink, store, press.interaction());
        screening.admit(press.origin());
        ActionKeys.Decoded key = ActionKeys.decode(press.actionKey())
                .orElseThrow(() -> new TurnException("unknown_button", "That button is no longer valid."));
        if (key.kind() == ActionKind.CONFIRM || key.kind() == ActionKind.DECLINE) {
            // Yes / No under a question: the same turn as typing the word, so both paths answer it alike.
            messageTurn(conv, new ChatEvent(press.origin(), Optional.empty(),
                    key.kind() == ActionKind.CONFIRM ? "yes" : "no", List.of(), Optional.empty(),
                    press.interaction()), sink);
            return;
        }
        Version version = versionForButton(ctx, key.versionId(), press.messageId());
        switch (key.kind()) {
            case UNDO -> {
                if (version.isRoot()) {
                    throw new TurnException("nothing_to_undo", "This is the original; there is nothing before it.");
                }
                // Under the current result this is a real undo (Redo brings it back); under an older one it
                // moves to that result's parent.
                boolean current = store.head(conv).map(h -> h.id().equals(version.id())).orElse(false);
                Version parent = current ? store.undo(conv)
                        : store.goTo(conv, new VersionRef.ById(version.parentId()));
                ctx.send(replies.show(conv, ctx.userId(), parent, Optional.empty()));
            }
            case REDO -> ctx.send(replies.show(conv, ctx.userId(), store.redo(conv), Optional.empty()));
            case RETRY -> edits.retry(ctx, version);
            // The same as typing "pick N": that variation becomes the version, the others stay as siblings.
            case PICK -> ctx.send(replies.show(conv, ctx.userId(), variations.pick(conv, version), Optional.empty()));
            case USE_AS_REFERENCE -> {
                store.setReference(conv, ReferenceKind.CHARACTER, version.label(), version.imageBlob());
                ctx.send(new Reply.Text("I'll keep " + version.label()
                        + " as the character reference for the next edits."));
            }
            case CONFIRM, DECLINE -> throw new IllegalStateException("answered as a message above");
            case FULL_SIZE -> {
                byte[] original = store.blobs(conv, ctx.userId()).png(version.imageBlob())
                        .orElseThrow(() -> new TurnException("image_missing", "That picture is no longer stored."));
                ctx.send(new Reply.File("kontextbot-" + version.label() + ".png", "image/png", original,
                        version.label() + " (lossless PNG, " + version.width() + "x" + version.height() + ")",
                        Optional.of(version.id())));
            }
        }
    }

    /** The pressed version, in the presser's own conversation (a result of someone else's is copied over). */
    private Version versionForButton(TurnContext ctx, String versionId, Optional<String> messageId) {
        Optional<Version> own = store.find(ctx.conversation(), versionId);
        if (own.isPresent()) {
            return own.get();
        }
        if (messageId.isPresent()) {
            var shown = store.resolveMessage(new MessageRef(ctx.origin().platform(), ctx.origin().chatId(),
                    messageId.get()));
            if (shown.isPresent() && shown.get().version().id().equals(versionId)) {
                return store.continueFrom(ctx.conversation(), shown.get(), ctx.userId());
            }
        }
        throw new TurnException("not_in_this_conversation", "That picture belongs to another conversation.");
    }

    private void guarded(String conv, ReplySink sink, Runnable turn) {
        MDC.put("conv", conv);
        Timer.Sample sample = Timer.start();
        try {
            turn.run();
        } catch (TurnException e) {
            sink.send(new Reply.Error(e.code(), e.getMessage()));
        } catch (ConversationException e) {
            sink.send(new Reply.Error(StateWords.code(e), answers.stateWords().refusal(e)));
        } catch (StoreUnavailableException e) {
            metrics.storeError();
            sink.send(new Reply.Error("store_unavailable", answers.stateWords().storeUnavailable()));
        } catch (RuntimeException e) {
            String incident = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            log.error("Turn failed, incident {}", incident, e);
            sink.send(new Reply.Error("internal", "Something went wrong on my side (incident " + incident
                    + "). Please try again."));
        } finally {
            sample.stop(metrics.turns());
            MDC.remove("conv");
        }
    }

    /** The pictures sent with a message, for a vision model; one that cannot be read is left to the tools. */
    private List<byte[]> sentPictures(List<Attachment> attachments) {
        List<byte[]> out = new ArrayList<>();
        for (Attachment attachment : attachments) {
            try {
                if (attachment.sizeBytes() <= options.maxUploadBytes()) {
                    out.add(scaled(attachment.fetch(options.maxUploadBytes()), VISION_SIDE));
                }
            } catch (dev.kontextbot.core.chat.AttachmentException e) {
                log.debug("A picture could not be fetched for the vision model: {}", e.getMessage());
            }
        }
        return out;
    }

    /** The current picture for a vision model, at most 1024 px on its longest side. */
    private Optional<byte[]> visionImage(String conv, String userId, Version v) {
        return store.blobs(conv, userId).png(v.imageBlob()).map(bytes -> scaled(bytes, VISION_SIDE));
    }

    /** A group's one conversation (shared policy), as opposed to a private chat or one person's own in a group. */
    private boolean sharedConversation(ChatOrigin origin) {
        return !origin.privateChat() && options.keyPolicy() == ConversationKeyPolicy.SHARED_IN_GROUPS;
    }

    public String conversationOf(ChatOrigin origin) {
        return options.keyPolicy().keyFor(origin.platform(), origin.chatId(), origin.threadId(),
                origin.user().id(), origin.privateChat()).id();
    }

    // ---- ConversationViews ----

    @Override
    public List<VersionView> history(ChatOrigin origin) throws ConversationViewException {
        String conv = conversationOf(origin);
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
        String conv = conversationOf(origin);
        return view(() -> {
            Version v = store.find(conv, versionId).orElseThrow(() -> new ConversationException(
                    ConversationException.Reason.VERSION_NOT_FOUND, "There is no such version."));
            Optional<byte[]> bytes = store.blobs(conv, origin.user().id()).png(v.imageBlob());
            return thumbnail ? bytes.map(b -> scaled(b, THUMBNAIL_SIDE)) : bytes;
        });
    }

    @Override
    public Reply goTo(ChatOrigin origin, String versionId) {
        String conv = conversationOf(origin);
        CompletableFuture<Reply> result = new CompletableFuture<>();
        turns.submit(conv, () -> {
            try {
                Version v = store.goTo(conv, new VersionRef.ById(versionId));
                result.complete(replies.show(conv, origin.user().id(), v, Optional.empty()));
            } catch (ConversationException e) {
                result.complete(new Reply.Error(StateWords.code(e), answers.stateWords().refusal(e)));
            } catch (StoreUnavailableException e) {
                result.complete(new Reply.Error("store_unavailable", answers.stateWords().storeUnavailable()));
            } catch (RuntimeException e) {
                result.complete(new Reply.Error("internal", "That version could not be opened."));
            }
        });
        return result.join();
    }

    @Override
    public SettingsView settings(ChatOrigin origin) throws ConversationViewException {
        String conv = conversationOf(origin);
        return view(() -> settingsView(store.settings(conv)));
    }

    @Override
    public SettingsView updateSettings(ChatOrigin origin, SettingsUpdate changes) throws ConversationViewException {
        String conv = conversationOf(origin);
        try {
            familySettings.checkGiven(changes.steps().orElse(null), changes.guidance().orElse(null));
        } catch (TurnException e) {
            throw new ConversationViewException(e.code(), e.getMessage());
        }
        return view(() -> settingsView(store.updateSettings(conv, s -> {
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
        })));
    }

    @Override
    public List<ReferenceView> references(ChatOrigin origin) throws ConversationViewException {
        String conv = conversationOf(origin);
        return view(() -> store.references(conv).stream()
                .map(r -> new ReferenceView(r.kind().name().toLowerCase(Locale.ROOT), r.name(), r.blobId()))
                .toList());
    }

    /** "FLUX.2 [klein] 4B is under the Apache-2.0 licence: a public or commercial bot may run it." */
    static String licence(ModelFamily family) {
        ModelFamily.Licence licence = family.licence();
        return family.displayName() + " is under the " + licence.name() + " licence: " + licence.meaning() + ".";
    }

    private SettingsView settingsView(ConversationSettings s) {
        return new SettingsView(s.steps(), options.family().takesGuidance() ? java.util.OptionalDouble.of(s.guidance())
                : java.util.OptionalDouble.empty(), s.seed().isPresent()
                ? OptionalLong.of(s.seed().getAsLong()) : OptionalLong.empty(), Optional.ofNullable(s.aspect()));
    }

    private interface ViewCall<T> {
        T get();
    }

    private <T> T view(ViewCall<T> call) throws ConversationViewException {
        try {
            return call.get();
        } catch (ConversationException e) {
            throw new ConversationViewException(StateWords.code(e), answers.stateWords().refusal(e));
        } catch (IllegalArgumentException e) {
            throw new ConversationViewException("invalid_request", "That request is not valid.");
        } catch (StoreUnavailableException e) {
            metrics.storeError();
            throw new ConversationViewException("store_unavailable", answers.stateWords().storeUnavailable());
        }
    }

    private byte[] scaled(byte[] pngBytes, int side) {
        try {
            BufferedImage image = decoder.decode(pngBytes);
            int longest = Math.max(image.getWidth(), image.getHeight());
            if (longest <= side) {
                return pngBytes;
            }
            double scale = (double) side / longest;
            // A smaller copy keeps the original's provenance chunks (and its recipe: it is the same picture).
            return derived.encode(resizer.resize(image, Math.max(1, (int) Math.round(image.getWidth() * scale)),
                    Math.max(1, (int) Math.round(image.getHeight() * scale))), pngBytes,
                    "Scaled copy, longest side " + side + " px", true);
        } catch (dev.kontextbot.inference.InferenceException e) {
            return pngBytes;
        }
    }

    // ---- BotHealth ----

    @Override
    public boolean storeReachable() {
        try {
            return "PONG".equals(RedisGuard.call(jedis::ping));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean canServeJobs() {
        try {
            return queue.liveWorkers() > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        if (!storeReachable()) {
            return "Redis is not reachable";
        }
        return canServeJobs() ? "ready" : "no worker is serving the queue";
    }

    @Override
    public void close() {
        deliveries.close();
        turns.close();
    }
}
