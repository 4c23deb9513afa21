package dev.kontextbot.conversation.jobs;

/** What a job asks of the pipeline: edit an existing version, or generate from text alone. */
public enum JobKind {
    EDIT,
    GENERATE
}
