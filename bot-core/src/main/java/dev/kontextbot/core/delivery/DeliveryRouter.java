package dev.kontextbot.core.delivery;

import dev.kontextbot.conversation.jobs.Completion;
import dev.kontextbot.conversation.jobs.DeliveryConsumer;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobRecord;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.jobs.KeyedLanes;
import dev.kontextbot.conversation.jobs.JobFailure;
import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.jobs.ProgressEvent;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.MessageRef;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.Interaction;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyTarget;
import dev.kontextbot.core.reply.Variations;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.core.words.StateWords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late replies for the platforms this process serves: reads the platform's delivery stream (a consumer group of the
 * front ends of that platform, so a result finished while this process was down still arrives, once) and its
 * progress channel, turns them into replies, and records which message shows which version. Replies go out on one
 * bounded lane per chat (results and progress apart), so a chat that is slow to take messages holds up no other.
 */
public final class DeliveryRouter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRouter.class);
    private static final int TARGET_CACHE = 512;
    /** Results that may wait per chat behind the one being sent; more stay in the delivery stream until later. */
    static final int DELIVERIES_PER_CHAT = 16;
    /** Progress updates that may wait per chat; more are dropped (a newer one follows, the result replaces them). */
    static final int PROGRESS_PER_CHAT = 2;
    /** Put before a result that may have reached its user already (a front end stopped mid-send). */
    static final String SENT_AGAIN = "(Sent again after an interruption: you may have this one already.)";

    private final StateServices state;
    private final ConversationStore store;
    private final JobQueue queue;
    private final ProgressBus progress;
    private final StateWords words;
    private final VersionReplies replies;
    private final FrontEnd frontEnd;
    private final Variations variations;
    private final VariationReplies variationReplies;
    private final List<AutoCloseable> running = new ArrayList<>();
    /** One bounded progress queue per chat, so a chat in a flood-limit wait holds up no one else's progress. */
    private final KeyedLanes progressLanes = new KeyedLanes("Progress updates", PROGRESS_PER_CHAT, Clock.systemUTC());
    private final Map<String, Optional<JobSpec>> specs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<JobSpec>> eldest) {
            return size() > TARGET_CACHE;
        }
    };

    public DeliveryRouter(StateServices state, VersionReplies replies, Variations variations,
                          VariationReplies variationReplies, FrontEnd frontEnd, StateWords words) {
        this.words = words;
        this.state = state;
        this.store = state.store();
        this.queue = state.queue();
        this.progress = state.progress();
        this.replies = replies;
        this.frontEnd = frontEnd;
        this.variations = variations;
        this.variationReplies = variationReplies;
    }

    public synchronized void register(ChatPlatform platform) {
        // Results of a platform only this process can reach come on its own stream; others on the shared one.
        String route = platform.name();
        if (platform.repliesNeedThisProcess()) {
            frontEnd.holdsConnectionsOf(platform.name());
            route = DeliveryTarget.route(platform.name(), frontEnd.name());
        }
        // One lane per chat: a chat that is slow to take messages (a flood limit, a hung upload) holds up only itself.
        DeliveryConsumer consumer = state.deliveries(route, frontEnd.name(), completion -> deliver(platform, completion),
                completion -> completion.spec().delivery().chatId(), DELIVERIES_PER_CHAT);
        consumer.start();
        running.add(consumer);
        running.add(progress.subscribe(platform.name(), event -> progress(platform, event)));
        log.info("Delivering results for {}", platform.name());
    }

    void deliver(ChatPlatform platform, Completion completion) {
        JobSpec spec = completion.spec();
        ReplyTarget target = target(spec);
        Optional<String> jobId = Optional.of(completion.jobId());
        if (completion.status() == JobStatus.DONE && spec.recipe().variations() > 1) {
            Optional<Version> last = store.find(spec.conversationId(), completion.versionId());
            if (last.isPresent() && deliverVariations(platform, target, spec, last.get(), jobId,
                    completion.maybeDelivered())) {
                return;
            }
        }
        Reply reply = switch (completion.status()) {
            case DONE -> {
                Optional<Version> version = store.find(spec.conversationId(), completion.versionId());
                yield version.<Reply>map(v -> replies.show(spec.conversationId(), spec.userId(), v, jobId))
                        .orElse(new Reply.Error("version_missing",
                                "The result was made but is no longer stored.", jobId));
            }
            case CANCELLED -> new Reply.Error("cancelled", "Cancelled.", jobId);
            case EXPIRED -> new Reply.Error("expired", "The job waited too long and was dropped. Please send it again.",
                    jobId);
            // The failure was stored as its code and facts; it is put into words now, in the bot's language.
            default -> new Reply.Error(completion.errorCode() == null ? "failed" : completion.errorCode(),
                    words.failure(JobFailure.read(completion.errorCode(), completion.message())), jobId);
        };
        send(platform, target, spec, completion.maybeDelivered() ? sentAgain(reply) : reply);
    }

    /**
     * A result whose earlier delivery began and did not finish may be on the user's screen already: it is sent, since
     * a lost result is worse than a second copy, and says so.
     */
    static Reply sentAgain(Reply reply) {
        return switch (reply) {
            case Reply.Image i -> new Reply.Image(i.versionId(), i.parentVersionId(), i.versionNumber(), i.png(),
                    i.width(), i.height(), SENT_AGAIN + "\n" + i.caption(), i.actions(), i.standIn(), i.jobId());
            case Reply.Variations v -> new Reply.Variations(v.variations(), v.gridPng(), v.gridWidth(), v.gridHeight(),
                    SENT_AGAIN + "\n" + v.caption(), v.standIn(), v.jobId());
            case Reply.Error e -> new Reply.Error(e.code(), SENT_AGAIN + " " + e.message(), e.jobId());
            default -> reply;
        };
    }

    private void send(ChatPlatform platform, ReplyTarget target, JobSpec spec, Reply reply) {
        Optional<String> messageId = platform.deliver(target, reply);
        if (reply instanceof Reply.Image image && messageId.isPresent()) {
            store.recordMessage(new MessageRef(platform.name(), target.chatId(), messageId.get()),
                    spec.conversationId(), image.versionId());
        }
    }

    /**
     * A "vary" job's results together, as one {@link Reply.Variations} (a grid, an album, tiles: the platform's
     * way) with a pick button each. False when the job left fewer than two (a flagged step ends it early): the last
     * result is shown as usual. The message is not recorded against a version: it shows several.
     */
    private boolean deliverVariations(ChatPlatform platform, ReplyTarget target, JobSpec spec, Version last,
                                      Optional<String> jobId, boolean maybeDelivered) {
        List<Version> set = variations.of(spec.conversationId(), last);
        if (set.isEmpty()) {
            return false;
        }
        List<Version> shown = set.size() > Reply.Variations.MAX ? set.subList(0, Reply.Variations.MAX) : set;
        Reply reply = variationReplies.show(spec.conversationId(), spec.userId(), shown, last, jobId);
        send(platform, target, spec, maybeDelivered ? sentAgain(reply) : reply);
        return true;
    }

    void progress(ChatPlatform platform, ProgressEvent event) {
        Optional<JobSpec> spec;
        synchronized (specs) {
            spec = specs.computeIfAbsent(event.jobId(), id -> queue.record(id).map(JobRecord::spec));
        }
        spec.filter(s -> s.delivery().showsProgressOn(frontEnd.name())).ifPresent(s -> progressLanes.offer(
                platform.name() + ":" + s.delivery().chatId(), () -> platform.deliver(target(s), new Reply.Progress(
                        event.jobId(), event.step(), event.steps(), event.remaining(), event.previewPng()))));
    }

    static ReplyTarget target(JobSpec spec) {
        DeliveryTarget d = spec.delivery();
        Optional<Interaction> interaction = d.interactionToken() == null ? Optional.empty()
                : Optional.of(new Interaction(d.interactionToken(), d.tokenExpiresAt()));
        return new ReplyTarget(d.platform(), d.chatId(), Optional.ofNullable(d.threadId()), spec.userId(),
                Optional.ofNullable(d.replyToMessageId()), interaction);
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("Closing a delivery reader failed", e);
            }
        }
        running.clear();
    }
}
