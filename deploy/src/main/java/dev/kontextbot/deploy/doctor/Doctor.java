package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.config.KontextConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the checks in order and reports each line as soon as it is known. */
public final class Doctor {

    private static final Logger log = LoggerFactory.getLogger(Doctor.class);
    /** Short: doctor should answer in seconds even when an endpoint hangs. */
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);

    private final List<Check> checks;

    public Doctor(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The checks of a machine configured by {@code config}. */
    public static Doctor standard(KontextConfig config) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(NETWORK_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new Doctor(List.of(
                new JdkCheck(),
                new ConfigCheck(config),
                new RedisCheck(config),
                new ModelCheck(config),
                new ExecutionProviderCheck(config),
                new ChatTokenCheck(config),
                new SafetyCheck(config),
                new FaceModelCheck(config),
                new LlmEndpointCheck(config, http),
                new LlmStatusCheck(config)));
    }

    /** @return every line; FAIL lines among them make the run a failure */
    public List<CheckResult> run(Consumer<CheckResult> onLine) {
        List<CheckResult> all = new ArrayList<>();
        for (Check check : checks) {
            List<CheckResult> lines;
            try {
                lines = check.run();
            } catch (RuntimeException e) {
                // A check is written not to throw; if one does, it is a bug worth a FAIL line, not a crash.
                log.debug("Check {} threw", check.getClass().getSimpleName(), e);
                lines = List.of(CheckResult.fail(check.getClass().getSimpleName(), "check crashed: " + e.getMessage()));
            }
            lines.forEach(onLine);
            all.addAll(lines);
        }
        return all;
    }

    public static boolean failed(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.status() == Status.FAIL);
    }
}
