package dev.kontextbot.core.chat;

import java.util.Objects;

/** Who wrote a message, as the platform knows them. {@code admin} comes from the adapter's own admin list. */
public record ChatUser(String id, String displayName, boolean admin) {
    public ChatUser {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }
}
