package dev.kontextbot.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private static final String TELEGRAM = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String DISCORD = "MTA0NTYzNzQ1NjM0NTY3ODkwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";

    @Test
    void masksTheValuesOfSecretSettings() {
        KontextConfig config = new ConfigLoader(Map.of("LLM_API_KEY", "sk-live-0123456789", "PLAYGROUND_TOKEN", "open-sesame-0123456789",
                "LLM_MODEL", "gpt-4o-mini")).load(Optional.empty());

        String masked = SecretMasker.of(config).mask("key sk-live-0123456789 token open-sesame-0123456789 model gpt-4o-mini");

        assertThat(masked).isEqualTo("key **** token **** model gpt-4o-mini");
    }

    @Test
    void masksTheRedisPasswordWhereverItAppears() {
        KontextConfig config = new ConfigLoader(Map.of("REDIS_URL", "redis://default:s3cr3t-pw@cache:6379/0")).load(Optional.empty());

        String masked = SecretMasker.of(config).mask("AUTH failed for s3cr3t-pw at redis://default:s3cr3t-pw@cache:6379/0");

        assertThat(masked).doesNotContain("s3cr3t-pw").contains("redis://default:****@cache:6379/0");
    }

    @Test
    void masksTokenShapesEvenWhenNotConfigured() {
        SecretMasker masker = SecretMasker.patternsOnly();

        assertThat(masker.mask("GET https://api.telegram.org/bot" + TELEGRAM + "/getMe"))
                .isEqualTo("GET https://api.telegram.org/bot****/getMe");
        assertThat(masker.mask("token=" + TELEGRAM)).isEqualTo("token=****");
        assertThat(masker.mask("login with " + DISCORD + " failed")).isEqualTo("login with **** failed");
        assertThat(masker.mask("https://user:pa55word@example.org/x")).isEqualTo("https://user:****@example.org/x");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        SecretMasker masker = new SecretMasker(List.of("pa55word-long-enough"));
        String text = "dev.kontextbot.deploy.Main started at 12:30:45, job 42:7 on redis://127.0.0.1:6390 abc";

        assertThat(masker.mask(text)).isEqualTo(text);
    }

    /** Before: a secret under 4 characters was never masked ("abc" showed as is). */
    @Test
    void aShortSecretIsMaskedWhereItStandsAloneButNotInsideOtherWords() {
        SecretMasker masker = new SecretMasker(List.of("abc"));

        assertThat(masker.mask("token abc refused; the abcdef cabc words stay"))
                .isEqualTo("token **** refused; the abcdef cabc words stay");
        assertThat(masker.mask("key=abc")).isEqualTo("key=****");
    }

    @Test
    void masksTheJsonEscapedFormOfASecret() {
        SecretMasker masker = new SecretMasker(List.of("pa\"ss\\word"));

        assertThat(masker.mask("{\"message\":\"key pa\\\"ss\\\\word\"}")).isEqualTo("{\"message\":\"key ****\"}");
    }
}
