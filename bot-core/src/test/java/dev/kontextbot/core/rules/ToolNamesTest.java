package dev.kontextbot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.prompts.SystemPrompt;
import org.junit.jupiter.api.Test;

class ToolNamesTest {

    @Test
    void theSystemPromptDescribesEveryToolTheRulesCanCall() {
        String prompt = new SystemPrompt().text();

        assertThat(ToolNames.ALL).hasSize(22).allSatisfy(name -> assertThat(prompt).contains(name + "("));
    }
}
