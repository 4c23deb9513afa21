package dev.kontextbot.conversation.jobs;

import java.util.Optional;

/** Who asked for a job: the user (their caps and quota) and, in a group chat, the group (its rate limit); group may be null. */
public record Requester(String userId, String groupId) {

    public Requester {
        if (userId == null || userId.isBlank()) {
            throw new InvalidJobException("A job needs the user who asked for it");
        }
    }

    public Optional<String> group() {
        return Optional.ofNullable(groupId);
    }
}
