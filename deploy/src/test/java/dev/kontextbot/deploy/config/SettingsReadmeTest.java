package dev.kontextbot.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists exactly the settings of {@link Setting}, with their defaults. */
class SettingsReadmeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| (`([^`]*)`|\\(unset\\)) \\|.*");

    @Test
    void readmeTableMatchesTheSettings() throws IOException {
        Map<String, String> documented = documentedSettings();

        Map<String, String> declared = new LinkedHashMap<>();
        Arrays.stream(Setting.values())
                .forEach(s -> declared.put(s.envName(), s.defaultValue().orElse(SettingsTable.UNSET)));

        assertThat(documented)
                .as("README.md's table between the settings markers; regenerate it from SettingsTable.markdown():%n%s",
                        SettingsTable.markdown())
                .containsExactlyEntriesOf(declared);
    }

    @Test
    void theRenderedTableRoundTripsThroughTheParser() {
        List<String> rows = SettingsTable.markdown().lines().toList();

        assertThat(rows).hasSize(Setting.values().length + 2);
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("| `KONTEXT_STEPS` | (unset) |"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("| `DISCORD_TOKEN` | (unset) | yes |"));
    }

    private static Map<String, String> documentedSettings() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int begin = indexOf(lines, "<!-- settings:begin");
        int end = indexOf(lines, "<!-- settings:end");
        assertThat(begin).as("settings markers in README.md").isNotNegative().isLessThan(end);
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : lines.subList(begin + 1, end)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), m.group(3) != null ? m.group(3) : SettingsTable.UNSET);
            }
        }
        return documented;
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
