package dev.kontextbot.core.tools;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.FakeOpenAiServer;
import dev.kontextbot.core.agent.ScriptedLlm;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The LLM path has the same intents as tools: a scripted model (a fake OpenAI-compatible server) calls answer and
 * ask_before_editing on the real bot, and they behave as in rule mode: facts come back, nothing is queued.
 */
@RedisTest
class TalkToolsLlmTest {

    private final FakeOpenAiServer llm = new FakeOpenAiServer(ScriptedLlm.byCommand());
    private TestBot testBot;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
        llm.close();
    }

    private static long queued(TestChats.Person p) {
        return p.chat().all().stream().filter(Reply.Queued.class::isInstance).count();
    }

    @Test
    void answerReturnsTheConversationsSettingsAndKeepsAnIntroducedPicture(UnifiedJedis redis) {
        testBot = TestBot.withLlm(redis, dir, llm.options(false), false);
        TestChats.Person p = TestChats.join(testBot.bot(), TestChats.privateChat("console", "ann"));
        p.say("call update_settings {\"steps\": 17}");

        p.say("call answer {\"topic\": \"introduction\"}", photo());
        assertThat(p.nextShown().versionNumber()).isEqualTo(1);

        p.say("call answer {\"topic\": \"settings\"}");
        assertThat(p.chat().await(Reply.Text.class, t -> t.text().contains("17 steps"), TestChats.WAIT).text())
                .startsWith("Settings: 17 steps");
        assertThat(queued(p)).isZero();
    }

    @Test
    void askBeforeEditingAsksWhenThereIsAPictureAndCreatesWhenThereIsNone(UnifiedJedis redis) {
        testBot = TestBot.withLlm(redis, dir, llm.options(false), false);
        TestChats.Person withPicture = TestChats.join(testBot.bot(), TestChats.privateChat("console", "bo"));
        withPicture.say("call remember_image {}", photo());
        withPicture.say("call ask_before_editing {\"instruction\": \"a red car\"}");
        assertThat(withPicture.chat().await(Reply.Text.class, t -> t.text().startsWith("Edit the picture"),
                TestChats.WAIT).text()).isEqualTo("Edit the picture: 'a red car'?");
        assertThat(queued(withPicture)).isZero();

        TestChats.Person fresh = TestChats.join(testBot.bot(), TestChats.privateChat("web", "cy"));
        fresh.say("call ask_before_editing {\"instruction\": \"a red car\"}");
        assertThat(fresh.chat().await(Reply.Queued.class, q -> true, TestChats.WAIT)).isNotNull();
    }
}
