package dev.kontextbot.deploy.cli;

/** The exit codes of {@code kontextbot}: 0 ok, 1 failure, 2 configuration or usage error. */
public final class ExitCode {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int CONFIG_ERROR = 2;

    private ExitCode() {
    }
}
