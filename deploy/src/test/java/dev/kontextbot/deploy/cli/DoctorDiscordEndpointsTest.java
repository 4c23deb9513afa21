package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} names the Discord library, and the endpoints when they are not Discord's (issue 23). */
class DoctorDiscordEndpointsTest {

    private static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.fake-token-for-a-fake-discord-000000";

    @Test
    void customEndpointsAreShownWithTheirPasswordsMasked(@TempDir Path data) {
        CliRunner.Result result = CliRunner.run(Map.of("DISCORD_TOKEN", TOKEN, "DISCORD_LIBRARY", "jda",
                "DISCORD_API_URL", "http://proxy:s3cret-pass@127.0.0.1:9/api/v10",
                "DISCORD_GATEWAY_URL", "ws://127.0.0.1:9/gateway", "KONTEXT_DATA_DIR", data.toString(),
                "REDIS_URL", "redis://127.0.0.1:1"), "doctor");

        assertThat(result.out()).containsPattern("(?m)^OK\\s+discord\\s+token well-formed: the Discord adapter is on "
                        + "\\(jda\\), REST http://proxy:\\*+@127\\.0\\.0\\.1:9/api/v10, gateway ws://127\\.0\\.0\\.1:9/gateway")
                .doesNotContain("s3cret-pass").doesNotContain(TOKEN);
    }

    @Test
    void discordsOwnEndpointsAreNotShown(@TempDir Path data) {
        CliRunner.Result result = CliRunner.run(Map.of("DISCORD_TOKEN", TOKEN, "KONTEXT_DATA_DIR", data.toString(),
                "REDIS_URL", "redis://127.0.0.1:1"), "doctor");

        assertThat(result.out()).containsPattern("(?m)^OK\\s+discord\\s+token well-formed: the Discord adapter is on "
                + "\\(javacord\\)$");
    }
}
