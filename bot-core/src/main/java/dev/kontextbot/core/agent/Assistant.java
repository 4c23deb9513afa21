package dev.kontextbot.core.agent;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/** The LangChain4j AI service of one turn; its memory id is the conversation id, its parameters carry the turn. */
public interface Assistant {
    String chat(@MemoryId String conversation, @UserMessage String text, InvocationParameters turn);
}
