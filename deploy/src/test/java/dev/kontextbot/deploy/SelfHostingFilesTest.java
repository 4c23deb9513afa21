package dev.kontextbot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.deploy.config.ConfigLoader;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Secrecy;
import dev.kontextbot.deploy.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The self-hosting files (deploy/compose.yaml, deploy/Dockerfile, deploy/.env.example, deploy/systemd/*, the README
 * and the docs) name the same environment variables as {@link Setting}, with values its validators accept, and
 * keep the promises docs/self-hosting.md makes about them (GPU reserved, Redis append-only, SIGTERM drain time).
 * Tests run in the deploy module's folder.
 */
class SelfHostingFilesTest {

    private static final Path ENV_EXAMPLE = Path.of(".env.example");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path COMPOSE = Path.of("compose.yaml");
    private static final Path BOT_UNIT = Path.of("systemd", "kontextbot.service");
    private static final Path WORKER_UNIT = Path.of("systemd", "kontextbot-worker@.service");
    private static final List<Path> DOCS = List.of(Path.of("..", "README.md"), Path.of("..", "docs", "self-hosting.md"),
            Path.of("..", "docs", "models.md"));

    /** Variables the files may set that KontextBot does not read: the JDK's, the shell's and DJL's. */
    private static final Set<String> OUTSIDE_VARIABLES = Set.of("JAVA_HOME", "PATH", "LANG", "DJL_CACHE_DIR");
    private static final Pattern ENV_LINE = Pattern.compile("^(#?)([A-Z][A-Z0-9_]*)=(.*)$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

    private static final int DRAIN_DEFAULT_SECONDS =
            Integer.parseInt(Setting.SHUTDOWN_DRAIN_SECONDS.defaultValue().orElseThrow());

    // ---- .env.example ------------------------------------------------------------------------------------------

    @Test
    void envExampleListsEverySettingOnce() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(ENV_EXAMPLE)) {
            Matcher m = ENV_LINE.matcher(line);
            if (m.matches()) {
                names.add(m.group(2));
            }
        }
        assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(settingNames());
    }

    @Test
    void envExampleShowsEachDefaultOnTheLineAndInItsComment() throws IOException {
        List<String> lines = Files.readAllLines(ENV_EXAMPLE);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ENV_LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            Setting setting = Setting.valueOf(m.group(2));
            String shown = setting.defaultValue().orElse("");
            if (m.group(1).isEmpty()) {
                // The only uncommented lines are the secrets an operator fills in, shipped empty.
                assertThat(setting.secrecy()).as("%s is uncommented, so it must be a secret to fill in", setting)
                        .isEqualTo(Secrecy.SECRET);
                assertThat(m.group(3)).as("%s ships empty", setting).isEmpty();
            } else {
                assertThat(m.group(3)).as("the commented line of %s shows its default", setting).isEqualTo(shown);
            }
            assertThat(commentAbove(lines, i)).as("the comment above %s", setting)
                    .contains("Default: " + setting.defaultValue().orElse("unset"));
        }
    }

    @Test
    void envExampleLoadsAsAConfigurationFileWithTheDefaults() {
        KontextConfig config = new ConfigLoader(Map.of()).load(Optional.of(ENV_EXAMPLE));

        for (Setting setting : Setting.values()) {
            assertThat(config.isSet(setting)).as("%s is left at its default", setting).isFalse();
        }
    }

    // ---- Dockerfile --------------------------------------------------------------------------------------------

    @Test
    void dockerfileEnvNamesSettingsWithValidValues() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : dockerInstructions("ENV")) {
            for (String word : words(instruction)) {
                Matcher m = ASSIGNMENT.matcher(word);
                assertThat(m.matches()).as("ENV %s is NAME=value", word).isTrue();
                env.put(m.group(1), unquote(m.group(2)));
            }
        }
        assertValidSettings("Dockerfile ENV", env);
        assertThat(env).containsEntry("KONTEXT_DATA_DIR", "/data").containsEntry("KONTEXT_MODEL_DIR", "/models")
                .containsEntry("KONTEXT_DEVICE", "cuda").containsKey("DJL_CACHE_DIR");
        assertThat(env.get("WEB_BIND")).as("WEB_BIND reachable from outside the container").startsWith("0.0.0.0:");
        assertThat(dockerInstructions("EXPOSE")).containsExactly(webPort());
        assertThat(dockerInstructions("VOLUME")).containsExactly("[\"/data\", \"/models\"]");
    }

    @Test
    void dockerfileBuildsTheGpuJarAndRunsItAsANonRootUserWithAHealthCheck() throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : dockerInstructions("ARG")) {
            String[] parts = arg.split("=", 2);
            args.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        List<String> from = dockerInstructions("FROM");
        assertThat(from).hasSize(3);
        assertThat(from.get(0)).startsWith("eclipse-temurin:${JDK_TAG}");
        assertThat(from.get(2)).isEqualTo("nvidia/cuda:${CUDA_TAG}");
        assertThat(args.get("JDK_TAG")).startsWith("25");
        assertThat(args.get("JRE_TAG")).startsWith("25").contains("-jre");
        assertThat(args.get("CUDA_TAG")).startsWith("12.").contains("cudnn-runtime");
        assertThat(args.get("TENSORRT_VERSION")).startsWith("10.").contains("+cuda12");
        assertThat(args.values()).as("every version is pinned").allSatisfy(v -> assertThat(v).isNotBlank().doesNotContain("latest"));

        String run = String.join("\n", dockerInstructions("RUN"));
        assertThat(run).contains("./mvnw -B -ntp -Pgpu -DskipTests -pl deploy -am package")
                .contains("\"libnvinfer10=${TENSORRT_VERSION}\"").contains("\"libnvinfer-plugin10=${TENSORRT_VERSION}\"");
        assertThat(dockerInstructions("USER")).singleElement().isNotIn("root", "0");
        assertThat(dockerInstructions("HEALTHCHECK")).singleElement().satisfies(check -> assertThat(check).contains("/healthz"));
        assertThat(dockerInstructions("STOPSIGNAL")).containsExactly("SIGTERM");
        assertThat(dockerInstructions("ENTRYPOINT")).containsExactly("[\"/usr/local/bin/kontextbot\"]");
        assertThat(dockerInstructions("CMD")).containsExactly("[\"run\"]");
    }

    // ---- compose.yaml ------------------------------------------------------------------------------------------

    @Test
    void composeParsesAndRunsRedisBotAndAGpuWorker() throws IOException {
        Map<String, Object> compose = map(YamlSubset.parse(Files.readString(COMPOSE)), "compose.yaml");
        Map<String, Object> services = map(compose.get("services"), "services");
        assertThat(services).containsOnlyKeys("redis", "bot", "worker");

        Map<String, Object> redis = map(services.get("redis"), "redis");
        assertThat(String.join(" ", list(redis.get("command")))).contains("--appendonly yes");
        assertThat(list(redis.get("volumes"))).contains("redis-data:/data");
        assertThat(map(compose.get("volumes"), "volumes")).containsKey("redis-data");

        Map<String, Object> bot = map(services.get("bot"), "bot");
        assertThat(list(bot.get("command"))).containsExactly("run");
        assertThat(list(bot.get("ports"))).containsExactly("127.0.0.1:" + webPort() + ":" + webPort());
        assertThat(map(bot.get("build"), "bot.build")).containsEntry("context", "..").containsEntry("dockerfile", "deploy/Dockerfile");

        Map<String, Object> worker = map(services.get("worker"), "worker");
        assertThat(list(worker.get("command"))).containsExactly("worker");

        for (String name : List.of("bot", "worker")) {
            Map<String, Object> service = map(services.get(name), name);
            assertThat(service.get("env_file")).as("%s reads secrets from deploy/.env", name).isEqualTo(".env");
            assertThat(service.get("image")).isEqualTo("kontextbot:local");
            Map<String, String> environment = new LinkedHashMap<>();
            map(service.get("environment"), name + ".environment").forEach((k, v) -> environment.put(k, (String) v));
            assertValidSettings("compose " + name, environment);
            assertThat(environment).containsEntry("REDIS_URL", "redis://redis:6379").containsEntry("KONTEXT_GPU", "0")
                    .containsEntry("REDIS_PASSWORD_FILE", "/run/secrets/redis_password");
            assertThat(list(service.get("volumes"))).anyMatch(v -> v.endsWith(":/data"))
                    .anyMatch(v -> v.endsWith(":/models:ro"));
            assertThat(seconds((String) service.get("stop_grace_period")))
                    .as("%s: docker stop waits longer than the drain", name).isGreaterThan(DRAIN_DEFAULT_SECONDS);
            Map<String, Object> device = map(list(path(service, "deploy", "resources", "reservations", "devices"))
                    .stream().findFirst().orElseThrow(), name + " GPU");
            assertThat(device).containsEntry("driver", "nvidia");
            assertThat(list(device.get("capabilities"))).containsExactly("gpu");
            assertThat(list(device.get("device_ids"))).hasSize(1);
        }
        String redisCommand = String.join(" ", list(redis.get("command")));
        assertThat(redisCommand).as("Redis has a password, a memory cap and never evicts")
                .contains("--requirepass").contains("--maxmemory ").contains("--maxmemory-policy noeviction");
        assertThat(map(compose.get("secrets"), "secrets")).containsKey("redis_password");
        for (String name : List.of("redis", "bot", "worker")) {
            Map<String, Object> service = map(services.get(name), name);
            assertThat(service.get("read_only")).as("%s: read-only root", name).isEqualTo("true");
            assertThat(list(service.get("cap_drop"))).as("%s drops capabilities", name).containsExactly("ALL");
            assertThat(list(service.get("security_opt"))).contains("no-new-privileges:true");
            assertThat(service.get("mem_limit")).as("%s has a memory limit", name).isNotNull();
            assertThat(list(service.get("secrets"))).contains("redis_password");
        }
        assertThat(list(path(worker, "deploy", "resources", "reservations", "devices")))
                .as("the worker reserves another GPU than the bot")
                .isNotEqualTo(list(path(bot, "deploy", "resources", "reservations", "devices")));
    }

    @Test
    void theYamlReaderRejectsWhatItDoesNotUnderstand() {
        assertThat(YamlSubset.parse("a:\n  b: [x, \"y z\"]\n  c:\n    - d: 1\n      e: '2'\n    - f\n"))
                .isEqualTo(Map.of("a", Map.of("b", List.of("x", "y z"), "c", List.of(Map.of("d", "1", "e", "2"), "f"))));
        assertThatThrownBy(() -> YamlSubset.parse("a: 1\na: 2\n")).hasMessageContaining("duplicate key a");
        assertThatThrownBy(() -> YamlSubset.parse("a:\n\tb: 1\n")).hasMessageContaining("tab");
        assertThatThrownBy(() -> YamlSubset.parse("a:\n    b: 1\n  c: 2\n")).hasMessageContaining("indentation");
        assertThatThrownBy(() -> YamlSubset.parse("a: &x 1\n")).hasMessageContaining("not supported");
    }

    // ---- systemd -----------------------------------------------------------------------------------------------

    @Test
    void systemdUnitsRestartDrainAndReadTheEnvironmentFile() throws IOException {
        for (Path unit : List.of(BOT_UNIT, WORKER_UNIT)) {
            Map<String, List<String>> keys = unitKeys(unit);
            assertThat(keys.get("Restart")).as("%s", unit).containsExactly("on-failure");
            assertThat(keys.get("KillSignal")).as("%s", unit).containsExactly("SIGTERM");
            assertThat(seconds(keys.get("TimeoutStopSec").getFirst())).as("%s", unit).isGreaterThan(DRAIN_DEFAULT_SECONDS);
            assertThat(keys.get("EnvironmentFile")).as("%s", unit).containsExactly("/etc/kontextbot/kontextbot.env");
            assertThat(keys.get("User")).as("%s", unit).singleElement().isNotIn("root", "0");
            assertThat(keys.get("ProtectSystem")).as("%s", unit).containsExactly("strict");
            assertThat(keys.get("CapabilityBoundingSet")).as("%s: no capabilities", unit).containsExactly("");
            assertThat(keys.get("RestrictAddressFamilies")).as("%s", unit).singleElement().asString()
                    .doesNotContain("AF_PACKET");
            assertThat(keys.get("MemoryMax")).as("%s", unit).hasSize(1);
            assertThat(keys.get("ExecStart").getFirst()).as("%s sizes the heap", unit)
                    .contains("-XX:MaxRAMPercentage=");

            Map<String, String> environment = new LinkedHashMap<>();
            keys.getOrDefault("Environment", List.of()).forEach(e -> putAssignments(e, environment));
            putAssignments(keys.get("ExecStart").getFirst(), environment);
            assertValidSettings(unit.toString(), environment);
        }
        assertThat(unitKeys(BOT_UNIT).get("ExecStart").getFirst()).endsWith("-jar /opt/kontextbot/kontextbot.jar run");
        String workerStart = unitKeys(WORKER_UNIT).get("ExecStart").getFirst();
        assertThat(workerStart).endsWith("-jar /opt/kontextbot/kontextbot.jar worker").contains("KONTEXT_GPU=%i");
    }

    // ---- README and docs ---------------------------------------------------------------------------------------

    @Test
    void readmeTableNamesEverySetting() throws IOException {
        List<String> lines = Files.readAllLines(DOCS.getFirst());
        int begin = indexOfPrefix(lines, "<!-- settings:begin");
        int end = indexOfPrefix(lines, "<!-- settings:end");
        assertThat(begin).isNotNegative().isLessThan(end);
        Pattern row = Pattern.compile("^\\| `([A-Z0-9_]+)` \\|.*");
        List<String> documented = lines.subList(begin + 1, end).stream().map(row::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(settingNames());
    }

    @Test
    void docsNameOnlyRealSettings() throws IOException {
        Set<String> prefixes = settingNames().stream().map(n -> n.substring(0, n.indexOf('_') + 1))
                .collect(Collectors.toCollection(TreeSet::new));
        Pattern settingLike = Pattern.compile("\\b(?:" + String.join("|", prefixes) + ")[A-Z0-9_]*[A-Z0-9]\\b");
        for (Path doc : DOCS) {
            assertThat(doc).as("%s exists", doc).isRegularFile();
            Matcher m = settingLike.matcher(Files.readString(doc));
            Set<String> named = new TreeSet<>();
            while (m.find()) {
                named.add(m.group());
            }
            assertThat(settingNames()).as("settings named in %s", doc).containsAll(named);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static List<String> settingNames() {
        return Arrays.stream(Setting.values()).map(Setting::envName).toList();
    }

    private static void assertValidSettings(String where, Map<String, String> environment) {
        assertThat(environment).as("%s sets variables", where).isNotEmpty();
        environment.forEach((name, value) -> {
            if (OUTSIDE_VARIABLES.contains(name)) {
                return;
            }
            assertThat(settingNames()).as("%s: %s is a setting (README table) or a known outside variable", where, name)
                    .contains(name);
            // systemd's %i stands for a GPU number here.
            assertThat(Setting.valueOf(name).problem(value.replace("%i", "1"))).as("%s: %s=%s", where, name, value).isEmpty();
        });
    }

    private static String commentAbove(List<String> lines, int index) {
        List<String> comment = new ArrayList<>();
        for (int i = index - 1; i >= 0 && lines.get(i).startsWith("#") && !ENV_LINE.matcher(lines.get(i)).matches(); i--) {
            comment.addFirst(lines.get(i).substring(1).strip());
        }
        return String.join(" ", comment);
    }

    private static String webPort() throws IOException {
        for (String instruction : dockerInstructions("ENV")) {
            for (String word : words(instruction)) {
                if (word.startsWith("WEB_BIND=")) {
                    return word.substring(word.lastIndexOf(':') + 1);
                }
            }
        }
        throw new AssertionError("no WEB_BIND in the Dockerfile");
    }

    /** The arguments of every {@code keyword} instruction, continuation lines joined, comments dropped. */
    private static List<String> dockerInstructions(String keyword) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(DOCKERFILE)) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty() && current.isEmpty()) {
                continue;
            }
            boolean continued = line.endsWith("\\");
            current.append(continued ? line.substring(0, line.length() - 1).strip() : line).append(' ');
            if (!continued) {
                String[] parts = current.toString().strip().split("\\s+", 2);
                if (parts[0].equals(keyword)) {
                    instructions.add(parts.length > 1 ? parts[1] : "");
                }
                current.setLength(0);
            }
        }
        return instructions;
    }

    /** Words split on blanks outside double quotes (ENV, Environment= and ExecStart= lines). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static void putAssignments(String text, Map<String, String> into) {
        for (String word : words(text)) {
            Matcher m = ASSIGNMENT.matcher(word);
            if (m.matches() && m.group(1).equals(m.group(1).toUpperCase())) {
                into.put(m.group(1), unquote(m.group(2)));
            }
        }
    }

    private static Map<String, List<String>> unitKeys(Path unit) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(unit)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("[")) {
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("%s: '%s' is Key=Value", unit, line).isPositive();
            keys.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return keys;
    }

    private static int seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)s?").matcher(duration);
        assertThat(m.matches()).as("'%s' is a duration in seconds", duration).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            node = map(node, key).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        assertThat(node).as("%s is a mapping", what).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object node) {
        assertThat(node).as("a sequence").isInstanceOf(List.class);
        return (List<String>) node;
    }

    /**
     * The block YAML that compose.yaml is written in: mappings, sequences (of scalars or mappings), plain and quoted
     * scalars, and flow sequences of scalars. Anything else (tabs, anchors, flow mappings, block scalars, tags,
     * duplicate keys, stray indentation) is refused, so a file it accepts has one unambiguous reading.
     */
    static final class YamlSubset {

        private record Line(int number, int indent, String text) {
        }

        private static final Pattern MAP_ENTRY = Pattern.compile("^(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.\\-/]+):(?: (.*))?$");

        private final List<Line> lines = new ArrayList<>();
        private int pos;

        private YamlSubset(String source) {
            String[] raw = source.split("\n", -1);
            for (int i = 0; i < raw.length; i++) {
                String text = stripComment(raw[i]).stripTrailing();
                if (text.isBlank()) {
                    continue;
                }
                int indent = 0;
                while (text.charAt(indent) == ' ') {
                    indent++;
                }
                if (text.charAt(indent) == '\t') {
                    throw error(i + 1, "a tab in the indentation");
                }
                lines.add(new Line(i + 1, indent, text.substring(indent)));
            }
        }

        static Object parse(String source) {
            YamlSubset reader = new YamlSubset(source);
            if (reader.lines.isEmpty()) {
                return Map.of();
            }
            Object root = reader.block(0);
            if (reader.pos < reader.lines.size()) {
                throw error(reader.lines.get(reader.pos).number(), "unexpected indentation");
            }
            return root;
        }

        private Object block(int indent) {
            Line first = lines.get(pos);
            if (first.indent() != indent) {
                throw error(first.number(), "unexpected indentation");
            }
            return isItem(first) ? sequence(indent) : mapping(indent);
        }

        private Map<String, Object> mapping(int indent) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (pos < lines.size() && lines.get(pos).indent() == indent && !isItem(lines.get(pos))) {
                Line line = lines.get(pos++);
                Matcher m = MAP_ENTRY.matcher(line.text());
                if (!m.matches()) {
                    throw error(line.number(), "expected 'key: value'");
                }
                String key = scalar(m.group(1), line);
                Object value;
                if (m.group(2) == null || m.group(2).isBlank()) {
                    value = pos < lines.size() && lines.get(pos).indent() > indent ? block(lines.get(pos).indent()) : "";
                } else {
                    value = value(m.group(2).strip(), line);
                }
                if (map.containsKey(key)) {
                    throw error(line.number(), "duplicate key " + key);
                }
                map.put(key, value);
            }
            if (pos < lines.size() && lines.get(pos).indent() > indent) {
                throw error(lines.get(pos).number(), "unexpected indentation");
            }
            return map;
        }

        private List<Object> sequence(int indent) {
            List<Object> items = new ArrayList<>();
            while (pos < lines.size() && lines.get(pos).indent() == indent && isItem(lines.get(pos))) {
                Line line = lines.get(pos);
                String rest = line.text().substring(1).stripLeading();
                int contentIndent = indent + line.text().length() - rest.length();
                if (rest.isEmpty()) {
                    pos++;
                    items.add(pos < lines.size() && lines.get(pos).indent() > indent ? block(lines.get(pos).indent()) : "");
                } else if (MAP_ENTRY.matcher(rest).matches()) {
                    // "- key: value": the item is a mapping whose keys line up with this first one.
                    lines.set(pos, new Line(line.number(), contentIndent, rest));
                    items.add(mapping(contentIndent));
                } else {
                    pos++;
                    items.add(value(rest, line));
                }
            }
            return items;
        }

        private static Object value(String text, Line line) {
            if (text.startsWith("[")) {
                if (!text.endsWith("]")) {
                    throw error(line.number(), "a flow sequence must end on its line");
                }
                List<Object> items = new ArrayList<>();
                String inner = text.substring(1, text.length() - 1).strip();
                if (!inner.isEmpty()) {
                    for (String item : splitOutsideQuotes(inner, line)) {
                        items.add(scalar(item.strip(), line));
                    }
                }
                return items;
            }
            return scalar(text, line);
        }

        private static String scalar(String text, Line line) {
            if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
                String inner = text.substring(1, text.length() - 1);
                if (inner.contains("\\") || inner.contains(text.substring(0, 1))) {
                    throw error(line.number(), "escapes in quoted scalars are not supported");
                }
                return inner;
            }
            if (text.isEmpty() || "&*!|>{[]}\"'%@`".indexOf(text.charAt(0)) >= 0) {
                throw error(line.number(), "'" + text + "' is not supported");
            }
            return text;
        }

        private static List<String> splitOutsideQuotes(String text, Line line) {
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            char quote = 0;
            for (char c : text.toCharArray()) {
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else if (quote == 0 && c == ',') {
                    parts.add(part.toString());
                    part.setLength(0);
                    continue;
                }
                part.append(c);
            }
            if (quote != 0) {
                throw error(line.number(), "an unclosed quote");
            }
            parts.add(part.toString());
            return parts;
        }

        private static boolean isItem(Line line) {
            return line.text().equals("-") || line.text().startsWith("- ");
        }

        /** Drops a comment: '#' at the start or after a blank, outside quotes. */
        private static String stripComment(String raw) {
            char quote = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else if (quote == 0 && c == '#' && (i == 0 || raw.charAt(i - 1) == ' ')) {
                    return raw.substring(0, i);
                }
            }
            return raw;
        }

        private static IllegalArgumentException error(int lineNumber, String message) {
            return new IllegalArgumentException("YAML line " + lineNumber + ": " + message);
        }
    }
}
