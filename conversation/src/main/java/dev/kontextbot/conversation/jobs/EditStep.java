package dev.kontextbot.conversation.jobs;

/**
 * One step of a job: what the user typed for it (the label of the version it makes) and the instruction the model
 * is given.
 */
public record EditStep(String typed, String sent) {

    public EditStep {
        if (sent == null || sent.isBlank()) {
            throw new InvalidJobException("Each step of a job needs an instruction");
        }
        typed = typed == null ? "" : typed;
    }
}
