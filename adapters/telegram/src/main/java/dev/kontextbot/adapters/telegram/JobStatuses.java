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

    synchronized Optional<Status> get(String jobId) {
        return Optional.ofNullable(byJob.get(jobId));
    }

    synchronized void put(String jobId, Status status) {
        byJob.put(jobId, status);
    }

    synchronized List<Status> all() {
        return List.copyOf(byJob.values());
    }

    synchronized Optional<Status> remove(String jobId) {
        return Optional.ofNullable(byJob.remove(jobId));
    }
}
