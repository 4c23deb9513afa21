package dev.kontextbot.deploy.doctor;

import java.util.List;

/** The Java runtime: KontextBot needs 25 or newer. */
final class JdkCheck implements Check {

    static final int REQUIRED = 25;

    @Override
    public List<CheckResult> run() {
        Runtime.Version version = Runtime.version();
        String vendor = System.getProperty("java.vendor", "unknown vendor");
        return List.of(version.feature() >= REQUIRED
                ? CheckResult.ok("java", "Java " + version + " (" + vendor + ")")
                : CheckResult.fail("java", "Java " + version + " is too old: install a JDK " + REQUIRED));
    }
}
