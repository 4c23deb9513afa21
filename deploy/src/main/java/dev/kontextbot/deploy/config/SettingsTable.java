package dev.kontextbot.deploy.config;

/** The README's configuration table, rendered from {@link Setting}. */
public final class SettingsTable {

    public static final String UNSET = "(unset)";

    private SettingsTable() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder("| Variable | Default | Secret | What it does |\n|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            out.append("| `").append(setting.envName()).append("` | ")
                    .append(setting.defaultValue().map(v -> "`" + v + "`").orElse(UNSET)).append(" | ")
                    .append(setting.secrecy() == Secrecy.PUBLIC ? "" : "yes").append(" | ")
                    .append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
