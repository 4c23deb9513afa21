package dev.kontextbot.core.words;

import static dev.kontextbot.core.words.StateSentence.*;

import dev.kontextbot.conversation.jobs.CancelResult;
import dev.kontextbot.conversation.jobs.JobFailure;
import dev.kontextbot.conversation.jobs.SubmitResult;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.Refusal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The words for what the bot's state reports as codes and facts (a refusal of the conversation, a full queue, a
 * cancel, a failed job), from the {@link StateSentence} keys of a language's answers file.
 */
public final class StateWords {

    private final Properties texts;

    private StateWords(Properties texts) {
        this.texts = texts;
    }

    /** Reads {@code <language>.answers}; fails when it lacks a sentence. */
    public static StateWords load(String language) {
        return of(language + ".answers", LanguageFile.answers(language));
    }

    /** Over texts already read from {@code resource}; fails when one of the {@link StateSentence}s is missing. */
    public static StateWords of(String resource, Properties texts) {
        for (StateSentence sentence : StateSentence.values()) {
            if (!texts.containsKey(sentence.key())) {
                throw new IllegalArgumentException(resource + " has no sentence for " + sentence.key());
            }
        }
        return new StateWords(texts);
    }

    /** The code of a refusal's error reply ("version_not_found"). */
    public static String code(ConversationException e) {
        return e.reason().name().toLowerCase(Locale.ROOT);
    }

    public String refusal(ConversationException e) {
        return refusal(e.refusal());
    }

    public String refusal(Refusal refusal) {
        return switch (refusal) {
            case Refusal.NoImageYet r -> say(REFUSAL_NO_IMAGE_YET);
            case Refusal.NothingToUndo r -> say(REFUSAL_NOTHING_TO_UNDO);
            case Refusal.NoPrevious r -> say(REFUSAL_NO_PREVIOUS);
            case Refusal.NothingToRedo r -> say(REFUSAL_NOTHING_TO_REDO);
            case Refusal.VersionGone r -> say(REFUSAL_VERSION_GONE, Map.of("version", r.versionId()));
            case Refusal.VersionNoLongerStored r -> say(REFUSAL_VERSION_NO_LONGER_STORED);
            case Refusal.NoSuchVersion r -> say(REFUSAL_NO_SUCH_VERSION, Map.of("version", r.versionId()));
            case Refusal.NoSuchNumber r -> say(REFUSAL_NO_SUCH_NUMBER,
                    Map.of("number", Integer.toString(r.number()), "kept", Integer.toString(r.keptVersions())));
            case Refusal.NoVersionNamed r -> say(REFUSAL_NO_VERSION_NAMED);
            case Refusal.NumberedFromOne r -> say(REFUSAL_NUMBERED_FROM_ONE);
            case Refusal.NotAVersionId r -> say(REFUSAL_NOT_A_VERSION_ID, Map.of("text", r.text()));
            case Refusal.OtherConversation r -> say(REFUSAL_OTHER_CONVERSATION, Map.of("version", r.versionId()));
            case Refusal.ImageGone r -> say(REFUSAL_IMAGE_GONE);
            case Refusal.ImageNotHere r -> say(REFUSAL_IMAGE_NOT_HERE);
            case Refusal.Forgotten r -> say(REFUSAL_FORGOTTEN);
            case Refusal.ReferenceLimit r -> say(REFUSAL_REFERENCE_LIMIT, Map.of("limit", Integer.toString(r.perKind())));
            case Refusal.VersionPruned r -> say(REFUSAL_VERSION_PRUNED);
            case Refusal.Worded r -> r.words();
        };
    }

    public String quota(QuotaExceededException e) {
        return quota(e.scope(), e.usedBytes(), e.quotaBytes());
    }

    private String quota(QuotaExceededException.Scope scope, long usedBytes, long quotaBytes) {
        return say(scope == QuotaExceededException.Scope.USER ? REFUSAL_QUOTA_USER : REFUSAL_QUOTA_TOTAL,
                Map.of("used", megabytes(usedBytes), "quota", megabytes(quotaBytes)));
    }

    public String storeUnavailable() {
        return say(REFUSAL_STORE_UNAVAILABLE);
    }

    /** An unknown fault of a turn, with the incident number that is also in the log. */
    public String turnFailed(String incident) {
        return say(TURN_FAILED, Map.of("incident", incident));
    }

    /** More messages of one conversation wait than the bot queues ({@code limit} of them). */
    public String tooManyWaiting(int limit) {
        return say(TURN_TOO_MANY_WAITING, Map.of("limit", Integer.toString(limit)));
    }

    /** Why the queue did not take a job, and when to try again. */
    public String rejected(SubmitResult.Rejected rejected) {
        Map<String, String> facts = Map.of("wait", waiting(rejected.retryAfter()),
                "limit", Integer.toString(rejected.perUserActive()));
        return switch (rejected.reason()) {
            case QUEUE_FULL -> say(REFUSAL_QUEUE_FULL, facts);
            case USER_CAP -> say(REFUSAL_USER_CAP, facts);
            case RATE_LIMITED -> say(rejected.byGroup() ? REFUSAL_RATE_LIMITED_GROUP : REFUSAL_RATE_LIMITED_USER, facts);
        };
    }

    public String cancel(CancelResult result) {
        return switch (result) {
            case CancelResult.Removed r -> say(CANCEL_REMOVED);
            case CancelResult.Stopping s -> say(CANCEL_STOPPING);
            case CancelResult.Refused r -> say(CANCEL_REFUSED);
            case CancelResult.NotFound n -> say(CANCEL_NOT_FOUND);
            case CancelResult.AlreadyFinished a -> say(switch (a.status()) {
                case DONE -> CANCEL_FINISHED;
                case CANCELLED -> CANCEL_CANCELLED;
                default -> CANCEL_ENDED;
            });
        };
    }

    /** Why a job made no picture. */
    public String failure(JobFailure failure) {
        return switch (failure) {
            case JobFailure.Cancelled c -> say(c.beforeStart() ? FAILURE_CANCELLED_BEFORE_START : FAILURE_STOPPED);
            case JobFailure.AttemptsExhausted a -> say(FAILURE_ATTEMPTS_EXHAUSTED,
                    Map.of("attempts", Integer.toString(a.attempts())));
            case JobFailure.WorkerError w -> say(FAILURE_WORKER_ERROR);
            case JobFailure.Deadline d -> say(FAILURE_DEADLINE, Map.of("limit", limit(d.limit())));
            case JobFailure.Expired e -> say(FAILURE_EXPIRED);
            case JobFailure.Refused r -> refusal(r.refusal());
            case JobFailure.QuotaFull q -> quota(q.scope(), q.usedBytes(), q.quotaBytes());
            case JobFailure.StoreOutage s -> storeUnavailable();
            case JobFailure.Said s -> s.words() != null ? s.words() : say(FAILURE_UNEXPLAINED);
        };
    }

    /** "45 seconds", "3 minutes" (a wait is rounded up to whole minutes from 90 seconds on). */
    private String waiting(Duration d) {
        long s = d.toSeconds();
        if (s < 90) {
            return say(s == 1 ? TIME_SECOND : TIME_SECONDS, Map.of("n", Long.toString(s)));
        }
        return say(TIME_MINUTES, Map.of("n", Long.toString((s + 59) / 60)));
    }

    /** "400 ms", "30-minute", "90-second": the length of a limit, as in "the 30-minute limit". */
    private String limit(Duration d) {
        if (d.toMillis() < 1000) {
            return say(TIME_LIMIT_MS, Map.of("n", Long.toString(d.toMillis())));
        }
        return d.toSeconds() % 60 == 0 ? say(TIME_LIMIT_MINUTES, Map.of("n", Long.toString(d.toMinutes())))
                : say(TIME_LIMIT_SECONDS, Map.of("n", Long.toString(d.toSeconds())));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1_048_576.0);
    }

    private String say(StateSentence sentence) {
        return say(sentence, Map.of());
    }

    private String say(StateSentence sentence, Map<String, String> values) {
        return Placeholders.fill(texts.getProperty(sentence.key()), values);
    }
}
