package dev.kontextbot.core.wiring;

import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.BotCore;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.agent.ChatModels;
import dev.kontextbot.core.agent.LlmCircuitBreaker;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.core.agent.TurnAgent;
import dev.kontextbot.core.answer.ButtonTurns;
import dev.kontextbot.core.answer.MessageTurns;
import dev.kontextbot.core.answer.TurnErrors;
import dev.kontextbot.core.answer.VisionPictures;
import dev.kontextbot.core.chat.BotHealth;
import dev.kontextbot.core.chat.BotInfo;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.ReviewDesk;
import dev.kontextbot.core.delivery.DeliveryRouter;
import dev.kontextbot.core.delivery.FrontEnd;
import dev.kontextbot.core.delivery.VariationGrid;
import dev.kontextbot.core.delivery.VariationReplies;
import dev.kontextbot.core.drift.DriftGauges;
import dev.kontextbot.core.edit.BaseVersions;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.edit.EditSubmitter;
import dev.kontextbot.core.edit.FamilySettings;
import dev.kontextbot.core.reply.Variations;
import dev.kontextbot.core.health.BotMetrics;
import dev.kontextbot.core.health.StoreHealth;
import dev.kontextbot.core.image.ImageIntake;
import dev.kontextbot.core.reply.LicenceLine;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.core.rules.Answers;
import dev.kontextbot.core.rules.RuleBasedChatModel;
import dev.kontextbot.core.safety.PlaceCommand;
import dev.kontextbot.core.safety.ReviewService;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.tools.BotFacts;
import dev.kontextbot.core.tools.DriftTools;
import dev.kontextbot.core.tools.EditTools;
import dev.kontextbot.core.tools.ForgetTools;
import dev.kontextbot.core.tools.HelpTools;
import dev.kontextbot.core.tools.HistoryTools;
import dev.kontextbot.core.tools.JobTools;
import dev.kontextbot.core.tools.ReferenceTools;
import dev.kontextbot.core.tools.RegionTools;
import dev.kontextbot.core.tools.SettingsTools;
import dev.kontextbot.core.tools.TalkTools;
import dev.kontextbot.core.tools.VaryTools;
import dev.kontextbot.core.turn.ConversationIds;
import dev.kontextbot.core.turn.TurnSerializer;
import dev.kontextbot.core.view.ConversationPages;
import dev.kontextbot.core.words.StateWords;
import dev.kontextbot.inference.drift.ColourAnchor;
import dev.kontextbot.inference.drift.DriftMeter;
import dev.kontextbot.prompts.CombinedInstruction;
import dev.kontextbot.prompts.HelpText;
import dev.kontextbot.prompts.KontextPromptRules;
import dev.kontextbot.prompts.SystemPrompt;
import java.util.List;
import java.util.Optional;

/**
 * The bot core of one process, every part built once, here and nowhere else in bot-core (a test fails on a
 * {@code new} of a service elsewhere). Deploy's runtime and the tests' {@code TestBot} both build it with
 * {@link #build}, so tests run the wiring production runs.
 *
 * @param bot           the one entry point of the adapters
 * @param views         what the playground reads and changes
 * @param health        for /readyz and the playground's banner
 * @param review        the review desk for admins
 * @param conversations which conversation a message belongs to
 */
public record CoreWiring(BotCore bot, ConversationViews views, BotHealth health, ReviewDesk review,
                         ConversationIds conversations) implements AutoCloseable {

    /** Messages of agent memory kept per conversation: an LLM reads them; the rules only need a short trail. */
    private static final int LLM_MEMORY_MESSAGES = 30;
    private static final int RULES_MEMORY_MESSAGES = 10;

    public static CoreWiring build(CoreInputs in) {
        BotCoreOptions options = in.options();
        StateServices state = in.state();
        ConversationStore store = state.store();
        JobQueue queue = state.queue();
        Screening screening = in.screening();
        ImageParts images = in.images();
        Answers answers = Answers.load("en");
        StateWords words = answers.stateWords();
        FamilySettings familySettings = new FamilySettings(options.family());
        ConversationIds conversations = new ConversationIds(options.keyPolicy());
        ImageIntake intake = new ImageIntake(images.decoder(), images.collage(), options.maxUploadBytes());
        FrontEnd frontEnd = new FrontEnd(in.instanceName());
        EditService edits = new EditService(store, new BaseVersions(store, intake, images.png(), screening),
                new EditSubmitter(store, queue, state.recentJobs(), new KontextPromptRules(options.maxEditsPerMessage()),
                        screening, frontEnd, options.keepUntouched(), familySettings), familySettings);
        VersionReplies replies = new VersionReplies(store, options.standIn(), options.family());
        Variations variations = new Variations(store);
        DeliveryRouter deliveries = new DeliveryRouter(state, replies, variations, new VariationReplies(replies,
                new VariationGrid(images.resizer()), images.decoder(), images.derived()), frontEnd, words);
        TurnSerializer turns = new TurnSerializer(options.maxWaitingTurns());
        BotMetrics metrics = new BotMetrics(in.registry(), queue);
        String helpText = new HelpText().text();
        String licence = LicenceLine.of(options.family());
        BotFacts facts = new BotFacts(options.modelName(), options.standIn(), licence, queue::averageDuration,
                familySettings);
        DriftMeter meter = new DriftMeter(images.resizer());
        List<Object> tools = List.of(
                new EditTools(edits, store, replies),
                new RegionTools(edits),
                new DriftTools(store, replies, edits, images.decoder(), images.derived(),
                        meter, new ColourAnchor(meter), new CombinedInstruction()),
                new VaryTools(edits, store, replies, variations),
                new HistoryTools(store, replies),
                new ReferenceTools(store, edits),
                new SettingsTools(store, familySettings),
                new JobTools(queue, state.recentJobs()),
                new ForgetTools(store, state.forgetConfirmations(), queue, state.recentJobs(), conversations),
                new HelpTools(helpText),
                new TalkTools(edits, store, replies, answers, facts));
        MessageTurns messages = new MessageTurns(store, screening, new PlaceCommand(screening), intake,
                agent(in), tools, new VisionPictures(store, images.scaler(), options.maxUploadBytes()),
                options.llm().vision(), words);
        ButtonTurns buttons = new ButtonTurns(store, screening, edits, replies, variations, messages, words);
        BotCore bot = new BotCore(conversations, turns, new TurnErrors(metrics, options.maxWaitingTurns(), words), messages,
                buttons, deliveries, screening, new BotInfo(options.modelName(), options.standIn(), licence, helpText));
        return new CoreWiring(bot, new ConversationPages(store, conversations, turns, replies, familySettings,
                new DriftGauges(), images.scaler(), metrics, words), new StoreHealth(state),
                new ReviewService(screening.reviews(), store, queue, words), conversations);
    }

    /** The agent: the rules alone, or a language model with the rules behind it, memory in Redis. */
    private static TurnAgent agent(CoreInputs in) {
        LlmOptions llm = in.options().llm();
        boolean rulesOnly = llm.provider() == LlmOptions.Provider.NONE;
        int memoryMessages = rulesOnly ? RULES_MEMORY_MESSAGES : LLM_MEMORY_MESSAGES;
        RuleBasedChatModel rules = new RuleBasedChatModel();
        LlmCircuitBreaker breaker = new LlmCircuitBreaker(llm.breakerOpenFor(), in.clock(),
                in.state().llmStatus(in.instanceName()));
        return new TurnAgent(rulesOnly ? Optional.empty() : Optional.of(ChatModels.create(llm, rules)), rules,
                in.state().chatMemory(memoryMessages, in.options().memoryBytes()), memoryMessages,
                new SystemPrompt().text(), llm.vision(), breaker, llm.turnTimeout(), in.clock());
    }

    /** The conversation a message from {@code origin} belongs to. */
    public String conversationOf(ChatOrigin origin) {
        return conversations.of(origin);
    }

    @Override
    public void close() {
        bot.close();
    }
}
