package dev.kontextbot.adapters.discord;

import java.util.List;
import java.util.Optional;

/**
 * One message that reached the Javacord boundary.
 *
 * @param where     "original", "followup", "followup-edit:ID", "immediate", "channel", "channel-edit:ID"
 * @param messageId the id the (mocked) Discord gave it
 */
record Sent(String where, String content, List<String> files, List<byte[]> fileBytes, List<String> buttonIds,
            boolean ephemeral, Optional<Long> replyTo, List<Long> mentions, long messageId) {

    boolean hasFile() {
        return !files.isEmpty();
    }
}
