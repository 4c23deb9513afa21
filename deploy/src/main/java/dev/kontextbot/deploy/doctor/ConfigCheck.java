package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
import java.util.ArrayList;
import java.util.List;

/** The configuration is valid (it was loaded); shows each setting given explicitly, secrets masked. */
final class ConfigCheck implements Check {

    private final KontextConfig config;

    ConfigCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        List<CheckResult> lines = new ArrayList<>();
        lines.add(CheckResult.ok("config", "valid; " + config.explicit().size() + " of " + Setting.values().length
                + " settings given, the rest at their defaults"));
        for (Setting setting : Setting.values()) {
            if (config.isSet(setting)) {
                lines.add(CheckResult.ok("config", setting.envName() + "=" + config.display(setting).orElse("")));
            }
        }
        return lines;
    }
}
