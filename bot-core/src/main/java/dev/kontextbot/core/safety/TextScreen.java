package dev.kontextbot.core.safety;

/** Looks at one text (an instruction or a caption). Implementations are thread-safe. */
@FunctionalInterface
public interface TextScreen {

    /** {@code strict} is false in a place an admin relaxed: only the operator's hard term lists apply there. */
    ScreenVerdict screen(String text, boolean strict);

    static TextScreen none() {
        return (text, strict) -> ScreenVerdict.pass();
    }
}
