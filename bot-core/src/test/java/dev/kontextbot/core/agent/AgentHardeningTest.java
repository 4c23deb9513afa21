package dev.kontextbot.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.llm.LlmStatusBoard;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The agent against a misbehaving language model (the fake OpenAI server): a refused key opens the circuit breaker
 * and is reported for doctor, a slow model cannot hold a turn past its deadline, and a flood of messages to one
 * conversation is told to wait.
 */
@RedisTest
class AgentHardeningTest {

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

    private TestChats.Person start(UnifiedJedis redis, LlmOptions options, int maxWaitingTurns) {
        BotCoreOptions defaults = BotCoreOptions.defaults(true);
        testBot = TestBot.start(redis, dir, new SimpleMeterRegistry(), new BotCoreOptions(defaults.keyPolicy(),
                options, defaults.maxUploadBytes(), defaults.standIn(), defaults.modelName(), maxWaitingTurns,
                BotCoreOptions.DEFAULT_MEMORY_BYTES), false);
        return TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
    }

    private LlmOptions options(Duration turnTimeout, Duration breakerOpenFor) {
        LlmOptions base = llm.options(false);
        return new LlmOptions(base.provider(), base.baseUrl(), base.model(), base.apiKey(), base.timeout(), false,
                turnTimeout, breakerOpenFor);
    }

    @Test
    void aRefusedKeyOpensTheBreakerOnceAndDoctorCanReadWhy(UnifiedJedis redis) {
        llm.failWith(401);
        TestChats.Person alice = start(redis, options(Duration.ofMinutes(2), Duration.ofMinutes(10)), 5);

        alice.say("help");
        assertThat(alice.chat().await(Reply.Text.class, t -> t.text().contains("built-in rules"), TestChats.WAIT))
                .isNotNull();
        alice.say("show history");
        alice.say("help");
        // Only the first turn asked the model: the breaker answered the others from the rules at once.
        assertThat(llm.requests()).hasSize(1);
        assertThat(redis.hget(LlmStatusBoard.KEY, "problem")).contains("HTTP 401").contains("LLM_API_KEY");

        // Once the model answers again (after the pause) the report is cleared.
        testBot.close();
        llm.failWith(0);
        TestChats.Person again = start(redis, options(Duration.ofMinutes(2), Duration.ZERO), 5);
        llm.failWith(401);
        again.say("help");
        assertThat(redis.exists(LlmStatusBoard.KEY)).isTrue();
        llm.failWith(0);
        again.say("call help {}");
        assertThat(redis.exists(LlmStatusBoard.KEY)).isFalse();
    }

    @Test
    void aSlowModelCannotHoldATurnPastItsDeadline(UnifiedJedis redis) {
        llm.delay(Duration.ofSeconds(4));
        TestChats.Person alice = start(redis, options(Duration.ofMillis(500), Duration.ofMinutes(1)), 5);

        alice.say("call help {}");
        // The rules finished the turn: they say so, and they understood "call help {}" as nothing they know.
        assertThat(alice.chat().await(Reply.Text.class, t -> t.text().contains("built-in rules"), TestChats.WAIT))
                .isNotNull();
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void aFloodOfMessagesToOneConversationIsToldToWait(UnifiedJedis redis) throws Exception {
        llm.delay(Duration.ofSeconds(2));
        TestChats.Person alice = start(redis, options(Duration.ofMinutes(1), Duration.ofMinutes(1)), 2);

        List<CompletableFuture<Void>> turns = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            turns.add(testBot.bot().onMessage(new dev.kontextbot.core.chat.ChatEvent(alice.origin(), Optional.empty(),
                    "call help {}", List.of(), Optional.empty(), Optional.empty()), alice.chat()));
        }
        CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        // One running and two waiting were answered; the other three heard why not.
        long refused = alice.chat().all().stream()
                .filter(r -> r instanceof Reply.Error e && e.code().equals("too_many_messages")).count();
        assertThat(refused).isEqualTo(3);
        assertThat(llm.requests()).hasSize(3 * 2);
    }
}
