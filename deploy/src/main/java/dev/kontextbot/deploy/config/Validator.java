package dev.kontextbot.deploy.config;

import java.util.Optional;

/** Checks one setting's value; answers a plain-words problem, or empty when the value is usable. */
@FunctionalInterface
public interface Validator {

    /** {@code value} is never blank: unset settings are not validated. */
    Optional<String> problem(String value);
}
