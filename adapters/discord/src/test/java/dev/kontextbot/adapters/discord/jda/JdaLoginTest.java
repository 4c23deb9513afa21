package dev.kontextbot.adapters.discord.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.adapters.discord.DiscordEndpoints;
import dev.kontextbot.adapters.discord.DiscordLibrary;
import dev.kontextbot.adapters.discord.DiscordOptions;
import dev.kontextbot.adapters.discord.DiscordStartException;
import dev.kontextbot.adapters.discord.fake.FakeDiscord;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** A token Discord refuses stops the start with plain words, and nothing is left connected. */
@RedisTest
class JdaLoginTest {

    @Test
    void aRefusedTokenIsReportedPlainly(UnifiedJedis redis, @TempDir Path dir) {
        try (FakeDiscord discord = new FakeDiscord(); TestBot bot = TestBot.start(redis, dir)) {
            discord.failNext("GET", "/users/@me", 401, FakeDiscord.error(0, "401: Unauthorized"));
            DiscordOptions options = DiscordOptions.defaults("refused-token").on(DiscordLibrary.JDA,
                    new DiscordEndpoints(URI.create(discord.apiUrl()), Optional.of(URI.create(discord.gatewayUrl()))));
            JdaAdapter adapter = new JdaAdapter(bot.bot(), options, Clock.systemUTC());

            assertThatThrownBy(adapter::start).isInstanceOf(DiscordStartException.class)
                    .hasMessageStartingWith("Discord refused the login (check DISCORD_TOKEN)")
                    .hasMessageNotContaining("refused-token");
            assertThat(discord.gatewayOps()).as("no gateway session").isEmpty();
            adapter.close();
        }
    }
}
