package dev.kontextbot.core.safety;

import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.review.VersionAwaitingReview;
import dev.kontextbot.conversation.review.RelaxedChats;
import dev.kontextbot.conversation.review.ReviewItem;
import dev.kontextbot.conversation.review.ReviewKind;
import dev.kontextbot.conversation.review.ReviewList;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.turn.TurnException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screening of everything that comes in and goes out: the sender (blocked users), texts, uploaded pictures before
 * anything is stored or queued, and results before they are stored and delivered. Flagged items go to the review
 * list; the user hears a plain sentence that says nothing about scores, labels or lists. A place is strict unless
 * an admin relaxed it where the platform marks it for adults, or it is a direct message and the operator's default
 * for those is relaxed (see {@link #strict}).
 */
public final class Screening implements ResultScreen {

    private static final Logger log = LoggerFactory.getLogger(Screening.class);

    static final String REFUSED_TEXT = "I can't make that: this request isn't allowed here.";
    static final String UNCHECKED_TEXT = "I can't check requests right now, so I won't make this one. Please try"
            + " again in a minute.";
    static final String REFUSED_PICTURE = "I can't work with this picture: it isn't allowed here. I did not keep it.";
    static final String BLOCKED = "An admin has blocked you from using this bot.";
    public static final String HELD_CODE = "held_for_review";
    public static final String HELD_MESSAGE = "I held this result back because it may not be allowed here. An admin"
            + " will look at it; if they release it, it will come to you here.";

    private final PictureScreen pictures;
    private final TextScreen texts;
    private final ReviewList reviews;
    private final RelaxedChats places;
    private final SafetyOptions options;
    private final Function<BufferedImage, byte[]> encoder;
    private final Map<ReviewKind, Counter> flagged;
    private final List<Consumer<ReviewItem>> listeners = new CopyOnWriteArrayList<>();

    public Screening(PictureScreen pictures, TextScreen texts, ReviewList reviews, RelaxedChats places,
                     SafetyOptions options, Function<BufferedImage, byte[]> encoder, MeterRegistry registry) {
        this.pictures = pictures;
        this.texts = texts;
        this.reviews = reviews;
        this.places = places;
        this.options = options;
        this.encoder = encoder;
        this.flagged = Map.of(
                ReviewKind.UPLOAD, counter(registry, "upload"),
                ReviewKind.RESULT, counter(registry, "result"),
                ReviewKind.PROMPT, counter(registry, "prompt"));
    }

    private static Counter counter(MeterRegistry registry, String kind) {
        return Counter.builder("kontextbot.safety.flagged").tag("kind", kind)
                .description("Uploads, results and prompts the safety screens flagged").register(registry);
    }

    /** Nothing is screened and nothing stored: no classifier, no term lists (blocked users are still refused). */
    public static Screening off(ReviewList reviews, RelaxedChats places, Function<BufferedImage, byte[]> encoder,
                                MeterRegistry registry) {
        return new Screening(PictureScreen.none(), TextScreen.none(), reviews, places, SafetyOptions.defaults(),
                encoder, registry);
    }

    /** A classifier is installed, so uploads are worth decoding for it. */
    public boolean screensPictures() {
        return pictures != PictureScreen.NONE;
    }

    public ReviewList reviews() {
        return reviews;
    }

    public RelaxedChats places() {
        return places;
    }

    /** Called with every new review item (on the thread that flagged it), for notices to admins. */
    public void onFlagged(Consumer<ReviewItem> listener) {
        listeners.add(listener);
    }

    /**
     * Strict unless relaxed, read live on every call: a direct message follows the operator's SAFETY_DM_POLICY as
     * it is now (nothing is recorded, so switching it back applies at once); any other place is relaxed only while
     * an admin's "safety relaxed" stands and the platform still marks it for adults.
     */
    public boolean strict(ChatOrigin origin) {
        if (origin.privateChat()) {
            return !options.dmRelaxed();
        }
        return !(origin.adultPlace() && places.relaxed(origin.platform(), origin.chatId()));
    }

    /**
     * Refuses a blocked sender, and makes a place strict again that is relaxed but no longer a place for adults
     * (the channel lost its age restriction, or a direct message was relaxed by an older version): every path
     * (message, command, button, menu) comes through here before anything is queued, so the workers, which see only
     * the stored policy, never act on a stale one.
     */
    public void admit(ChatOrigin origin) {
        if (reviews.blocked(origin.platform(), origin.user().id())) {
            throw new TurnException("blocked", BLOCKED);
        }
        if (!origin.adultPlace() && places.relaxed(origin.platform(), origin.chatId())) {
            places.makeStrict(origin.platform(), origin.chatId());
            log.info("Safety policy of a {} place made strict again: it is no longer marked for adults",
                    origin.platform());
        }
    }

    /**
     * What the worker knows of the place: a job without a group is a one-person chat (every front end leaves the
     * group out exactly there), which follows SAFETY_DM_POLICY; a group's place follows the stored policy.
     */
    private boolean relaxedFor(JobSpec spec) {
        if (spec.groupId() == null) {
            return options.dmRelaxed();
        }
        return places.relaxed(spec.delivery().platform(), spec.delivery().chatId());
    }

    /** Refuses a flagged instruction or caption. */
    public void checkText(ChatOrigin origin, String conversation, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        ScreenVerdict verdict = texts.screen(text, strict(origin));
        if (verdict.unchecked()) {
            throw new TurnException("screening_unavailable", UNCHECKED_TEXT);
        }
        if (verdict.flagged()) {
            flag(ReviewKind.PROMPT, origin, conversation, text, verdict, Optional.empty());
            throw new TurnException("request_refused", REFUSED_TEXT);
        }
    }

    /** Refuses the message when any of its pictures is flagged; nothing of it is stored in the conversation. */
    public void checkUploads(ChatOrigin origin, String conversation, String text, List<BufferedImage> sent) {
        if (!strict(origin)) {
            return;
        }
        for (BufferedImage picture : sent) {
            ScreenVerdict verdict = pictures.screen(picture);
            if (verdict.flagged()) {
                // The admin only needs to see what was refused: a thumbnail, never the full upload.
                flag(ReviewKind.UPLOAD, origin, conversation, text, verdict,
                        Optional.of(encoder.apply(Thumbnail.of(picture))));
                throw new TurnException("picture_refused", REFUSED_PICTURE);
            }
        }
    }

    @Override
    public ResultCheck check(VersionAwaitingReview result, BufferedImage picture, Supplier<byte[]> png) {
        var spec = result.job();
        if (relaxedFor(spec)) {
            return new ResultCheck.Deliver();
        }
        ScreenVerdict verdict = pictures.screen(picture);
        if (!verdict.flagged()) {
            return new ResultCheck.Deliver();
        }
        flagged.get(ReviewKind.RESULT).increment();
        Optional<ReviewItem> item = reviews.add(ReviewItem.flagged(ReviewKind.RESULT, spec.delivery().platform(),
                spec.delivery().chatId(), spec.conversationId(), spec.userId(),
                nameOf(spec.delivery().userMention(), spec.userId()), spec.recipe().typedText(), verdict.reason(),
                verdict.scores(), Optional.of(result)), Optional.of(png.get()));
        // Past the user's flags per hour nothing is kept: the result is withheld all the same, under no item.
        String id = item.map(ReviewItem::id).orElse("");
        item.ifPresentOrElse(i -> {
            log.info("Result of job {} held for review as {}", spec.jobId(), i.id());
            notifyAll(i);
        }, () -> log.info("Result of job {} withheld; its user is past their review flags this hour", spec.jobId()));
        return options.blurFlaggedResults() ? new ResultCheck.Blurred(id, Blur.heavy(picture))
                : new ResultCheck.Hold(id);
    }

    private void flag(ReviewKind kind, ChatOrigin origin, String conversation, String text, ScreenVerdict verdict,
                      Optional<byte[]> picture) {
        flagged.get(kind).increment();
        Optional<ReviewItem> item = reviews.add(ReviewItem.flagged(kind, origin.platform(), origin.chatId(),
                conversation, origin.user().id(), origin.user().displayName(), text, verdict.reason(),
                verdict.scores(), Optional.empty()), picture);
        item.ifPresentOrElse(i -> {
            log.info("{} from {} on {} flagged for review as {}", kind, origin.user().id(), origin.platform(), i.id());
            notifyAll(i);
        }, () -> log.info("{} from {} on {} refused; past their review flags this hour, nothing kept", kind,
                origin.user().id(), origin.platform()));
    }

    private void notifyAll(ReviewItem item) {
        for (Consumer<ReviewItem> listener : listeners) {
            try {
                listener.accept(item);
            } catch (RuntimeException e) {
                log.warn("A review notice failed: {}", e.toString());
            }
        }
    }

    private static String nameOf(String mention, String userId) {
        return mention == null || mention.isBlank() ? userId : mention;
    }
}
