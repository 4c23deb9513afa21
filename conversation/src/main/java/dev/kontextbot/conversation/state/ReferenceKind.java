package dev.kontextbot.conversation.state;

/** What a named reference image stands for. */
public enum ReferenceKind {
    CHARACTER, STYLE
}
