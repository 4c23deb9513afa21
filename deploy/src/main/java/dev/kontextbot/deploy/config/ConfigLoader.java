package dev.kontextbot.deploy.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration from the environment and, optionally, a {@code KEY=value} file. The environment
 * wins over the file, so one file can hold the defaults of a machine and a variable overrides it for one
 * run. Blank values count as unset. Every problem is collected before failing.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** @throws ConfigException listing every problem at once */
    public KontextConfig load(Optional<Path> file) {
        List<String> problems = new ArrayList<>();
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        file.ifPresent(path -> readFile(path, values, problems));
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.envName());
            if (value != null && !value.isBlank()) {
                values.put(setting, value.trim());
            }
        }
        values.forEach((setting, value) -> setting.problem(value).ifPresent(problems::add));
        if (problems.isEmpty()) {
            KontextConfig config = new KontextConfig(values);
            problems.addAll(crossChecks(config));
            if (problems.isEmpty()) {
                return config;
            }
        }
        throw new ConfigException(problems);
    }

    /** Rules between settings, checked once each value is valid on its own. */
    private static List<String> crossChecks(KontextConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.llmProvider() == LlmProvider.OPENAI && config.llmApiKey().isEmpty()
                && !config.isSet(Setting.LLM_BASE_URL)) {
            problems.add("LLM_PROVIDER=openai needs LLM_API_KEY (or LLM_BASE_URL for a local OpenAI-compatible server)");
        }
        if (config.telegramWebhookUrl().isPresent() && config.telegramBotToken().isEmpty()) {
            problems.add("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not");
        }
        return problems;
    }

    private static void readFile(Path path, Map<Setting, String> values, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("Cannot read the configuration file " + path + " (" + reason(e) + ")");
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            String where = path.getFileName() + " line " + (i + 1);
            if (eq <= 0) {
                problems.add(where + " is not KEY=value");
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            Optional<Setting> setting = find(key);
            if (setting.isEmpty()) {
                problems.add(where + ": unknown setting " + key);
            } else if (!value.isBlank()) {
                values.put(setting.get(), value);
            }
        }
    }

    private static Optional<Setting> find(String key) {
        for (Setting setting : Setting.values()) {
            if (setting.envName().equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
    }
}
