package dev.kontextbot.core.chat;

/** Readiness facts for operations endpoints. */
public interface BotHealth {

    boolean storeReachable();

    /** A model is loaded in this process, or at least one live worker serves the queue. */
    boolean canServeJobs();

    /** One line on what is missing, for /readyz. */
    String describe();
}
