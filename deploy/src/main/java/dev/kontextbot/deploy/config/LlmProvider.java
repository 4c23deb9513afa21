package dev.kontextbot.deploy.config;

/** LLM_PROVIDER: who interprets the user's messages. */
public enum LlmProvider {
    /** The built-in rule-based mode. */
    NONE("") ,
    OPENAI("https://api.openai.com/v1"),
    OLLAMA("http://localhost:11434");

    private final String defaultBaseUrl;

    LlmProvider(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }
}
