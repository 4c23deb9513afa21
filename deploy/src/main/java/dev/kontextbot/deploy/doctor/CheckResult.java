package dev.kontextbot.deploy.doctor;

/** One line of {@code doctor}: what was checked, how it went and why. */
public record CheckResult(Status status, String subject, String message) {

    public static CheckResult ok(String subject, String message) {
        return new CheckResult(Status.OK, subject, message);
    }

    public static CheckResult warn(String subject, String message) {
        return new CheckResult(Status.WARN, subject, message);
    }

    public static CheckResult fail(String subject, String message) {
        return new CheckResult(Status.FAIL, subject, message);
    }

    public String line() {
        return String.format("%-4s  %-10s  %s", status, subject, message);
    }
}
