package dev.kontextbot.adapters.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Runs Bot API calls with Telegram's flood rules: a 429 names how long to keep quiet ({@code retry_after}); the
 * chat stays quiet that long for every later call too, and the call is retried once the time has passed. Sends wait;
 * progress edits are skipped while the chat is quiet (a newer one follows) and never become a new message.
 */
final class BotApiCalls {

    /** One Bot API request. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws TelegramApiException;
    }

    static final int TOO_MANY_REQUESTS = 429;
    private static final int MAX_ATTEMPTS = 4;
    /** A progress edit waits out a short flood limit; past this the edit is dropped (the next progress is newer). */
    static final Duration MAX_EDIT_WAIT = Duration.ofSeconds(5);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final Map<String, Instant> quietUntil = new ConcurrentHashMap<>();

    BotApiCalls(Clock clock, Sleeper sleeper, Redactor redactor) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.redactor = redactor;
    }

    /** A call that must happen: waits for the chat's flood limit (as long as Telegram asks), then retries. */
    <T> T send(String chatId, String method, Call<T> call) throws TelegramCallException {
        for (int attempt = 1; ; attempt++) {
            pause(remainingQuiet(chatId));
            try {
                return call.run();
            } catch (TelegramApiException e) {
                Optional<Duration> retryAfter = retryAfter(e);
                if (retryAfter.isEmpty() || attempt >= MAX_ATTEMPTS) {
                    throw failure(method, e);
                }
                quiet(chatId, retryAfter.get());
            }
        }
    }

    /**
     * An edit of a status message: skipped (empty) while the chat is quiet for longer than {@link #MAX_EDIT_WAIT},
     * waited out and retried when shorter. "Message is not modified" counts as done.
     */
    <T> Optional<T> edit(String chatId, String method, Call<T> call) throws TelegramCallException {
        for (int attempt = 1; ; attempt++) {
            Duration quiet = remainingQuiet(chatId);
            if (quiet.compareTo(MAX_EDIT_WAIT) > 0) {
                return Optional.empty();
            }
            pause(quiet);
            try {
                return Optional.ofNullable(call.run());
            } catch (TelegramApiException e) {
                if (notModified(e)) {
                    return Optional.empty();
                }
                Optional<Duration> retryAfter = retryAfter(e);
                if (retryAfter.isEmpty() || attempt >= MAX_ATTEMPTS) {
                    throw failure(method, e);
                }
                quiet(chatId, retryAfter.get());
            }
        }
    }

    /** How long the chat must stay quiet from now (zero when it may talk). */
    Duration remainingQuiet(String chatId) {
        Instant until = quietUntil.get(chatId);
        if (until == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
            quietUntil.remove(chatId, until);
            return Duration.ZERO;
        }
        return left;
    }

    private void quiet(String chatId, Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        quietUntil.merge(chatId, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private void pause(Duration duration) throws TelegramCallException {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramCallException("interrupted while waiting out a flood limit", 0);
        }
    }

    private static Optional<Duration> retryAfter(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                && request.getErrorCode() == TOO_MANY_REQUESTS) {
            Integer seconds = request.getParameters() == null ? null : request.getParameters().getRetryAfter();
            // Telegram always names the wait; if a proxy drops it, a second is the least that is not hammering.
            return Optional.of(Duration.ofSeconds(seconds == null || seconds < 1 ? 1 : seconds));
        }
        return Optional.empty();
    }

    private static boolean notModified(TelegramApiException e) {
        return e instanceof TelegramApiRequestException request && request.getApiResponse() != null
                && request.getApiResponse().contains("message is not modified");
    }

    private TelegramCallException failure(String method, TelegramApiException e) {
        int code = e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                ? request.getErrorCode() : 0;
        return new TelegramCallException(method + " failed: " + redactor.redact(e.getMessage()), code);
    }
}
