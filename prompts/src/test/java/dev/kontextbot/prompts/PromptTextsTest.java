package dev.kontextbot.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptTextsTest {

    @Test
    void systemPromptNamesEveryToolOfTheContract() {
        String text = new SystemPrompt().text();

        assertThat(text).contains("edit_image", "generate_image", "undo()", "redo()", "go_to_version",
                "show_history", "set_reference", "clear_reference", "update_settings", "retry_with_new_seed",
                "cancel_job", "start_over", "forget_conversation", "help()", "remember_image");
        assertThat(text).contains("Replace 'old' with 'new'", "other conversations", "user's language");
    }

    @Test
    void helpHasTheLicenseNoteAndFiveRules() {
        String text = new HelpText().text();

        assertThat(text).contains("FLUX.1 Kontext [dev] is under the FLUX.1 [dev] Non-Commercial License");
        assertThat(text).contains("1. ", "2. ", "3. ", "4. ", "5. ").doesNotContain("6. ");
        assertThat(text).contains("undo", "redo", "history", "start over", "/forget");
    }
}
