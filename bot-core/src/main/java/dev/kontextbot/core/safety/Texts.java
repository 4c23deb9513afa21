package dev.kontextbot.core.safety;

import java.util.List;

/** Several text screens in order; the first that flags decides. */
public record Texts(List<TextScreen> screens) implements TextScreen {

    public Texts {
        screens = List.copyOf(screens);
    }

    @Override
    public ScreenVerdict screen(String text, boolean strict) {
        for (TextScreen screen : screens) {
            ScreenVerdict verdict = screen.screen(text, strict);
            if (verdict.flagged()) {
                return verdict;
            }
        }
        return ScreenVerdict.pass();
    }
}
