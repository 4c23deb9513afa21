package dev.kontextbot.adapters.telegram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one status message of each running job, and when it was last edited and when the chat last saw a chat
 * action. Bounded: a job whose result never arrives (a lost worker) falls out after {@link #CAPACITY} newer jobs.
 */
final class JobStatuses {

    static final int CAPACITY = 2_000;

    /** The state of one job's status message; {@code lastProgress} is empty until the job runs. */
    static final class Status {
        final Destination chat;
        final String chatId;
        final int messageId;
        Instant lastEdit;
        Instant lastAction;
        Optional<Instant> lastProgress = Optional.empty();
        String lastText;

        Status(Destination chat, int messageId, Instant now, String text) {
            this.chat = chat.withoutReply();
            this.chatId = chat.chatId();
            this.messageId = messageId;
            this.lastEdit = now;
            this.lastAction = Instant.MIN;
            this.lastText = text;
        }
    }

    private final Map<String, Status> byJob = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Status> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Jobs whose result or error was shown: progress that arrives after it must not open a new status message. */
    private final Map<String, Boolean> finished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized boolean finished(String jobId) {
        return finished.containsKey(jobId);
    }

    /** Marks the job done and returns its status message, if it had one. */
    synchronized Optional<Status> finish(String jobId) {
        finished.put(jobId, Boolean.TRUE);
        return Optional.ofNullable(byJob.remove(jobId));
    }

    synchronized Optional<Status> get(String jobId) {
        return Optional.ofNullable(byJob.get(jobId));
    }

    synchronized void put(String jobId, Status status) {
        byJob.put(jobId, status);
    }

    synchronized List<Status> all() {
        return List.copyOf(byJob.values());
    }

}
