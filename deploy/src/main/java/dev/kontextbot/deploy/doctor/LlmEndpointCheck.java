package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.app.Reasons;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.LlmProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The LLM endpoint, if one is configured: {@code GET <base>/models} (openai) or {@code <base>/api/tags} (ollama). */
final class LlmEndpointCheck implements Check {

    private final KontextConfig config;
    private final HttpClient http;

    LlmEndpointCheck(KontextConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public List<CheckResult> run() {
        LlmProvider provider = config.llmProvider();
        if (provider == LlmProvider.NONE) {
            return List.of(CheckResult.ok("llm", "none: the built-in rule-based mode reads the messages"));
        }
        String base = config.llmBaseUrl().replaceAll("/+$", "");
        String url = base + (provider == LlmProvider.OPENAI ? "/models" : "/api/tags");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Doctor.NETWORK_TIMEOUT).GET();
        config.llmApiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        String model = config.llmModel().map(m -> ", model " + m).orElse("");
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return List.of(CheckResult.ok("llm", provider.name().toLowerCase() + " at " + base + " answers" + model));
            }
            String why = status == 401 || status == 403 ? "rejected the API key (HTTP " + status + "): check LLM_API_KEY"
                    : "answered HTTP " + status + " to GET " + url + ": check LLM_BASE_URL";
            return List.of(CheckResult.fail("llm", provider.name().toLowerCase() + " at " + base + " " + why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.fail("llm", "interrupted while asking " + base));
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(CheckResult.fail("llm", provider.name().toLowerCase() + " at " + base + " is not reachable ("
                    + Reasons.plain(e) + "): check LLM_BASE_URL, or set LLM_PROVIDER=none"));
        }
    }
}
