package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the command line in-process with a given environment, capturing stdout and stderr. */
final class CliRunner {

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicReference<Runnable> shutdownAction = new AtomicReference<>();
    private final CliContext context;

    CliRunner(Map<String, String> env) {
        context = new CliContext(env, new PrintWriter(out, true), new PrintWriter(err, true), shutdownAction::set);
    }

    static Result run(Map<String, String> env, String... args) {
        CliRunner runner = new CliRunner(env);
        int code = runner.execute(args);
        return new Result(code, runner.out(), runner.err());
    }

    int execute(String... args) {
        return Main.execute(context, args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** What SIGTERM would do: runs the action the command registered. */
    void signalShutdown() {
        Runnable action = shutdownAction.get();
        if (action == null) {
            throw new IllegalStateException("the command registered no shutdown action");
        }
        action.run();
    }
}
