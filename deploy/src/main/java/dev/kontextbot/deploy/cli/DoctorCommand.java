package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.doctor.CheckResult;
import dev.kontextbot.deploy.doctor.Doctor;
import dev.kontextbot.deploy.doctor.Status;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kontextbot doctor}: one line per check; exits 1 when a required check fails. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check configuration, Redis, model, execution providers, chat tokens and the LLM endpoint.")
public final class DoctorCommand implements Callable<Integer> {

    private final CliContext context;

    @ParentCommand
    private ConfigSource parent;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        KontextConfig config = parent.loadConfig();
        List<CheckResult> results = Doctor.standard(config).run(result -> context.out().println(result.line()));
        if (Doctor.failed(results)) {
            long failures = results.stream().filter(r -> r.status() == Status.FAIL).count();
            context.out().println(failures + (failures == 1 ? " check failed." : " checks failed."));
            return ExitCode.FAILURE;
        }
        context.out().println("All required checks passed.");
        return ExitCode.OK;
    }
}
