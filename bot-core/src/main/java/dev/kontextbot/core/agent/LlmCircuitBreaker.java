package dev.kontextbot.core.agent;

import dev.langchain4j.exception.HttpException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a language model that keeps failing, for all turns of the process: after
 * {@link #FAILURES_TO_OPEN} failures in a row (or one refused API key) the rules answer at once for
 * {@code openFor}, then one call tries the model again. The first failure of a streak is logged once with its
 * HTTP status in plain words (401: the key is wrong) and reported to {@code report} (for {@code doctor}); a success
 * clears both. Hand-written rather than Resilience4j: it is a few lines, and it must say why in the bot's words.
 */
public final class LlmCircuitBreaker {

    static final int FAILURES_TO_OPEN = 3;

    private static final Logger log = LoggerFactory.getLogger(LlmCircuitBreaker.class);

    private final Duration openFor;
    private final Clock clock;
    private final Consumer<Optional<String>> report;
    private int failures;
    private Instant openUntil;
    private boolean trialRunning;
    private String problem;

    /** {@code report} hears the problem when a streak starts and empty when the model answers again. */
    public LlmCircuitBreaker(Duration openFor, Clock clock, Consumer<Optional<String>> report) {
        this.openFor = openFor;
        this.clock = clock;
        this.report = report;
    }

    /** Whether this call may go to the model (false: the rules answer without waiting). */
    public synchronized boolean allowCall() {
        if (openUntil == null) {
            return true;
        }
        if (!trialRunning && !clock.instant().isBefore(openUntil)) {
            trialRunning = true;
            return true;
        }
        return false;
    }

    public synchronized void succeeded() {
        if (problem != null) {
            log.info("The language model answers again (it had failed: {})", problem);
            report.accept(Optional.empty());
        }
        failures = 0;
        openUntil = null;
        trialRunning = false;
        problem = null;
    }

    public synchronized void failed(Throwable error) {
        failures++;
        trialRunning = false;
        if (problem == null) {
            problem = describe(error);
            log.warn("The language model failed ({}); the built-in rules answer until it works again", problem);
            report.accept(Optional.of(problem));
        }
        if (failures >= FAILURES_TO_OPEN || keyRefused(error)) {
            openUntil = clock.instant().plus(openFor);
        }
    }

    /** The current problem in plain words, or empty while the model answers. */
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Why a call failed, in words an operator can act on. */
    static String describe(Throwable error) {
        Optional<Integer> status = httpStatus(error);
        if (status.isPresent()) {
            int code = status.get();
            return "HTTP " + code + switch (code) {
                case 401 -> ": the API key was refused, check LLM_API_KEY";
                case 403 -> ": this API key may not use the model, check LLM_API_KEY and LLM_MODEL";
                case 404 -> ": no such endpoint or model, check LLM_BASE_URL and LLM_MODEL";
                case 429 -> ": rate limited or out of credit at the provider";
                default -> code >= 500 ? ": the provider's server failed" : "";
            };
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return "no answer in time, check LLM_TIMEOUT_SECONDS or the server's load";
            }
            if (t instanceof ConnectException) {
                return "not reachable, check LLM_BASE_URL";
            }
        }
        return error.getClass().getSimpleName();
    }

    private static boolean keyRefused(Throwable error) {
        return httpStatus(error).filter(code -> code == 401).isPresent();
    }

    private static Optional<Integer> httpStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return Optional.of(http.statusCode());
            }
        }
        return Optional.empty();
    }
}
