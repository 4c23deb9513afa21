package dev.kontextbot.deploy.doctor;

import java.util.List;

/** One area {@code doctor} looks at; answers one or more lines and never throws. */
@FunctionalInterface
public interface Check {
    List<CheckResult> run();
}
