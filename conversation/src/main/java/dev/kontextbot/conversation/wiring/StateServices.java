package dev.kontextbot.conversation.wiring;

import dev.kontextbot.conversation.jobs.Completion;
import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.DeliveryConsumer;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.llm.LlmStatusBoard;
import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.review.RelaxedChats;
import dev.kontextbot.conversation.review.ReviewList;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.ForgetConfirmations;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * The shared state's services over one Redis client, each built once. The bot core and the worker take what they
 * need from here, so no other module holds a Redis client; deploy and the tests open it the same way.
 */
public final class StateServices {

    private final UnifiedJedis jedis;
    private final Clock clock;
    private final ConversationStore store;
    private final JobQueue queue;
    private final ConversationJobs recentJobs;
    private final ForgetConfirmations forgetConfirmations;
    private final ProgressBus progress;
    private final RelaxedChats relaxedChats;

    private StateServices(UnifiedJedis jedis, Clock clock, ConversationStore store, JobQueue queue) {
        this.jedis = jedis;
        this.clock = clock;
        this.store = store;
        this.queue = queue;
        this.recentJobs = new ConversationJobs(jedis, store.policy());
        this.forgetConfirmations = new ForgetConfirmations(jedis);
        this.progress = new ProgressBus(jedis);
        this.relaxedChats = new RelaxedChats(jedis);
    }

    /** {@code defaults}: the settings of a conversation that never changed its own (the model family's). */
    public static StateServices open(UnifiedJedis jedis, Clock clock, RetentionPolicy retention,
                                     ConversationSettings defaults, JobLimits limits) {
        return new StateServices(jedis, clock, new ConversationStore(jedis, clock, retention, defaults),
                new JobQueue(jedis, clock, limits));
    }

    public ConversationStore store() {
        return store;
    }

    public JobQueue queue() {
        return queue;
    }

    /** Each conversation's recent jobs (what "cancel" and "forget me" look at). */
    public ConversationJobs recentJobs() {
        return recentJobs;
    }

    public ForgetConfirmations forgetConfirmations() {
        return forgetConfirmations;
    }

    /** Where workers publish progress and front ends read it. */
    public ProgressBus progress() {
        return progress;
    }

    /** Chats whose admins relaxed the safety policy. */
    public RelaxedChats relaxedChats() {
        return relaxedChats;
    }

    /** The review list with the default limits (review off, as in a bot without screening). */
    public ReviewList reviews(Duration retention) {
        return new ReviewList(jedis, clock, retention);
    }

    /** The agent's memory: {@code maxMessages} per conversation, at most {@code maxBytes} of it. */
    public RedisChatMemoryStore chatMemory(int maxMessages, int maxBytes) {
        return new RedisChatMemoryStore(jedis, store.policy(), maxMessages, maxBytes);
    }

    /**
     * A reader of one delivery stream ({@code route}) as front end {@code consumerName}, handing each completion to
     * {@code handler} on the lane {@code laneOf} names (at most {@code perLane} waiting on each). Not started.
     */
    public DeliveryConsumer deliveries(String route, String consumerName, Consumer<Completion> handler,
                                       Function<Completion, String> laneOf, int perLane) {
        return new DeliveryConsumer(jedis, route, consumerName, handler, DeliveryConsumer.Options.defaults(), laneOf,
                perLane);
    }

    /** Where this front end's language-model breaker reports a failing model, for doctor to read. */
    public LlmStatusBoard llmStatus(String instance) {
        return new LlmStatusBoard(jedis, clock, instance);
    }

    /** True when Redis answers a ping now. */
    public boolean reachable() {
        try {
            return "PONG".equals(RedisGuard.call(jedis::ping));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
