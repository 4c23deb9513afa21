package dev.kontextbot.core.safety;

import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.review.VersionAwaitingReview;
import dev.kontextbot.conversation.review.ReviewItem;
import dev.kontextbot.conversation.review.ReviewKind;
import dev.kontextbot.conversation.review.ReviewList;
import dev.kontextbot.conversation.review.ReviewStatus;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.ReviewDesk;
import dev.kontextbot.core.words.StateWords;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review desk on the review list: a release appends the held result to its conversation as the version the
 * job would have made (from the same parent) and hands it to the user's front end as a late delivery.
 */
public final class ReviewService implements ReviewDesk {

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final ReviewList reviews;
    private final ConversationStore store;
    private final JobQueue queue;
    private final StateWords words;

    /** {@code words}: how a refusal of the conversation reads on the review page. */
    public ReviewService(ReviewList reviews, ConversationStore store, JobQueue queue, StateWords words) {
        this.reviews = reviews;
        this.store = store;
        this.queue = queue;
        this.words = words;
    }

    @Override
    public List<Entry> items(int limit) {
        return reviews.list(Math.max(1, Math.min(limit, 500))).stream().map(ReviewService::entry).toList();
    }

    @Override
    public Optional<byte[]> picture(String id) {
        return reviews.picture(id);
    }

    /**
     * Claims the item (OPEN -> RELEASING), appends first and marks after (RELEASING -> RELEASED), so a crash in
     * between leaves an item the next release finishes: the append is idempotent (one key per held step) and only
     * the call that marks it delivers. The append refuses a conversation forgotten since the item was flagged, or
     * a parent that is no longer the one the job started from; nothing comes back then, and the admin hears why.
     */
    @Override
    public String release(String id, String admin) {
        ReviewItem item = reviews.find(id).orElseThrow(ReviewService::notFound);
        VersionAwaitingReview held = item.held().filter(h -> item.kind() == ReviewKind.RESULT).orElseThrow(() ->
                new ReviewException("not_releasable", "Only a held result can be released; a refused upload or"
                        + " request was never made into a picture."));
        if (item.status() == ReviewStatus.OPEN && !reviews.move(id, ReviewStatus.OPEN, ReviewStatus.RELEASING)
                || item.status() != ReviewStatus.OPEN && item.status() != ReviewStatus.RELEASING) {
            throw alreadyResolved(reviews.find(id).orElse(item));
        }
        byte[] png = reviews.picture(id).orElse(null);
        if (png == null) {
            reviews.move(id, ReviewStatus.RELEASING, ReviewStatus.OPEN);
            throw new ReviewException("picture_gone", "The held picture is no longer stored.");
        }
        JobSpec job = held.job();
        Version version;
        try {
            String blob = store.blobs(job.conversationId(), job.userId()).putPng(png);
            version = store.appendMadeAt(job.conversationId(), new NewVersion(held.parentVersionId(),
                    held.instructionTyped(), held.instructionSent(), held.seed(), job.sampling().steps(), job.sampling().guidance(),
                    held.width(), held.height(), blob, null, job.userId(), releaseKey(held)), item.createdAt());
        } catch (ConversationException e) {
            throw refused(id, item, e);
        }
        if (!reviews.move(id, ReviewStatus.RELEASING, ReviewStatus.RELEASED)) {
            throw alreadyResolved(reviews.find(id).orElse(item));
        }
        queue.deliverLater(id, job, version.id());
        log.info("{} released held result {} as {}", admin, id, version.label());
        return "Released: " + version.label() + " is on its way to " + item.userName() + ".";
    }

    /**
     * The append's idempotency key: the held step's job id with a '#' suffix, so it still names the job and a
     * forget's revoked list (which matches the part before the first '#') refuses it like the job itself.
     */
    static String releaseKey(VersionAwaitingReview held) {
        return held.stepJobId() + "#released";
    }

    private ReviewException refused(String id, ReviewItem item, ConversationException e) {
        switch (e.reason()) {
            case FORGOTTEN -> {
                reviews.move(id, ReviewStatus.RELEASING, ReviewStatus.DELETED);
                log.info("Held result {} not released: its conversation was forgotten", id);
                return new ReviewException("forgotten", "Nothing was released: " + item.userName() + " has since"
                        + " deleted this conversation (\"forget\"), so the held picture was deleted too.");
            }
            case VERSION_NOT_FOUND, VERSION_PRUNED -> {
                reviews.move(id, ReviewStatus.RELEASING, ReviewStatus.OPEN);
                return new ReviewException("parent_gone", "Nothing was released: the picture this result was made"
                        + " from is no longer in the user's conversation. Delete the item instead.");
            }
            default -> {
                reviews.move(id, ReviewStatus.RELEASING, ReviewStatus.OPEN);
                return new ReviewException(StateWords.code(e),
                        "The result could not be added to its conversation: " + words.refusal(e));
            }
        }
    }

    private static ReviewException alreadyResolved(ReviewItem now) {
        return new ReviewException("already_resolved", "This item was already "
                + now.status().name().toLowerCase(Locale.ROOT) + ".");
    }

    @Override
    public String delete(String id, String admin) {
        open(id);
        if (!reviews.resolve(id, ReviewStatus.DELETED)) {
            throw alreadyResolved(reviews.find(id).orElseThrow(ReviewService::notFound));
        }
        log.info("{} deleted review item {}", admin, id);
        return "Deleted.";
    }

    @Override
    public String blockAuthor(String id, String admin) {
        ReviewItem item = reviews.find(id).orElseThrow(ReviewService::notFound);
        reviews.block(item.platform(), item.userId());
        log.info("{} blocked {} user {}", admin, item.platform(), item.userId());
        return item.userName() + " can no longer use the bot on " + item.platform() + ".";
    }

    private ReviewItem open(String id) {
        ReviewItem item = reviews.find(id).orElseThrow(ReviewService::notFound);
        if (item.status() != ReviewStatus.OPEN) {
            throw alreadyResolved(item);
        }
        return item;
    }

    private static ReviewException notFound() {
        return new ReviewException("not_found", "There is no such item on the review list; it may have expired.");
    }

    /** The platform-neutral view of an item. */
    public static Entry entry(ReviewItem i) {
        return new Entry(i.id(), i.kind().name().toLowerCase(Locale.ROOT), i.status().name().toLowerCase(Locale.ROOT),
                i.platform(), i.chatId(), i.userId(), i.userName(), i.text(), i.reason(), i.scores(), i.createdAt(),
                i.kind() == ReviewKind.RESULT && i.held().isPresent()
                        && (i.status() == ReviewStatus.OPEN || i.status() == ReviewStatus.RELEASING),
                i.kind() != ReviewKind.PROMPT && i.status() != ReviewStatus.DELETED);
    }
}
