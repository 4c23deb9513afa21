package dev.kontextbot.deploy.doctor;

/** Outcome of one check: FAIL makes {@code doctor} exit non-zero, WARN does not. */
public enum Status {
    OK, WARN, FAIL
}
