package dev.kontextbot.core.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat memory of one turn: read from the store once, written back once when the turn ends. LangChain4j reads
 * and rewrites the whole memory at every message of a turn (user message, tool call, tool result, answer); turns of
 * one conversation never overlap, so holding it for the turn is safe and saves most of the JSON work.
 */
final class TurnMemory implements ChatMemoryStore {

    private final ChatMemoryStore store;
    private final Map<Object, List<ChatMessage>> read = new HashMap<>();
    private final Map<Object, List<ChatMessage>> written = new HashMap<>();

    TurnMemory(ChatMemoryStore store) {
        this.store = store;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        List<ChatMessage> pending = written.get(memoryId);
        if (pending != null) {
            return new ArrayList<>(pending);
        }
        return new ArrayList<>(read.computeIfAbsent(memoryId, store::getMessages));
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        written.put(memoryId, List.copyOf(messages));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        written.put(memoryId, List.of());
    }

    /**
     * Writes what the turn changed. Called when the turn ends, also when it failed half-way. When the conversation
     * was forgotten during the turn, only the turn's own messages are kept, not the history read before.
     */
    void flush(boolean forgottenDuringTurn) {
        written.forEach((id, all) -> {
            List<ChatMessage> before = read.getOrDefault(id, List.of());
            List<ChatMessage> messages = forgottenDuringTurn
                    ? all.stream().filter(m -> !before.contains(m)).toList() : all;
            if (messages.isEmpty()) {
                store.deleteMessages(id);
            } else {
                store.updateMessages(id, messages);
            }
        });
        written.clear();
    }
}
