package dev.kontextbot.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.core.agent.ChatModels;
import dev.kontextbot.core.agent.FakeOpenAiServer;
import dev.kontextbot.core.agent.ScriptedLlm;
import dev.kontextbot.core.rules.RuleBasedChatModel;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The moderator against the fake OpenAI-compatible server: its answers, its time limit, failing closed or open. */
@Tag("integration")
class LlmModeratorTest {

    private static LlmModerator moderator(FakeOpenAiServer server, Duration limit, boolean failClosed) {
        return new LlmModerator(ChatModels.create(server.options(false), new RuleBasedChatModel()), limit, failClosed);
    }

    @Test
    void aYesFlagsANoPassesAndTheRequestIsFencedOffFromThePrompt() {
        try (FakeOpenAiServer server = new FakeOpenAiServer(last -> new ScriptedLlm.Text(
                last.text().contains("forbidden") ? "YES" : "No."))) {
            LlmModerator moderator = moderator(server, Duration.ofSeconds(5), true);
            assertThat(moderator.screen("something forbidden", true).flagged()).isTrue();
            assertThat(moderator.screen("make the sky purple", true).flagged()).isFalse();
            assertThat(server.lastRequest().body().toString()).contains("exactly one word")
                    .contains("Request: <<<make the sky purple>>>");
            int asked = server.requests().size();
            assertThat(moderator.screen("something forbidden", false).flagged()).isFalse();
            assertThat(server.requests()).hasSize(asked);
        }
    }

    @Test
    void anUnclearAnswerOrATimeoutFailsClosedOrOpenAsConfigured() {
        try (FakeOpenAiServer server = new FakeOpenAiServer(last -> {
            if (last.text().contains("slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ScriptedLlm.Text("Maybe, it depends.");
        })) {
            assertThat(moderator(server, Duration.ofSeconds(5), true).screen("unclear", true).flagged()).isTrue();
            assertThat(moderator(server, Duration.ofSeconds(5), false).screen("unclear", true).flagged()).isFalse();
            ScreenVerdict closed = moderator(server, Duration.ofMillis(300), true).screen("slow", true);
            assertThat(closed.flagged()).isTrue();
            assertThat(closed.reason()).contains("did not answer");
            assertThat(closed.unchecked()).isTrue();
            assertThat(moderator(server, Duration.ofMillis(300), false).screen("slow", true).flagged()).isFalse();
        }
    }

    @Test
    void anUnreachableModeratorFailsAsConfigured() {
        var options = FakeOpenAiServer.options("http://127.0.0.1:9/v1", false);
        LlmModerator closed = new LlmModerator(ChatModels.create(options, new RuleBasedChatModel()),
                Duration.ofSeconds(5), true);
        LlmModerator open = new LlmModerator(ChatModels.create(options, new RuleBasedChatModel()),
                Duration.ofSeconds(5), false);
        assertThat(closed.screen("anything", true).flagged()).isTrue();
        assertThat(open.screen("anything", true).flagged()).isFalse();
    }
}
