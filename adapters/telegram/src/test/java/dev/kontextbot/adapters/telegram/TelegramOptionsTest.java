package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TelegramOptionsTest {

    private static final String TOKEN = "123456:ABC-secret";

    private static TelegramOptions with(URI apiUrl, long maxDownload) {
        return new TelegramOptions(TOKEN, apiUrl, Optional.empty(), Optional.empty(), null, null, maxDownload);
    }

    @Test
    void defaultsArePollingThePublicApiWithItsDownloadLimit() {
        TelegramOptions options = TelegramOptions.polling(TOKEN);
        assertThat(options.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(options.localBotApiServer()).isFalse();
        assertThat(options.downloadLimit()).isEqualTo(20L * 1024 * 1024);
        assertThat(options.webhookUrl()).isEmpty();
        assertThat(options.webhookBindOrDefault().getPort()).isEqualTo(8443);
        assertThat(options.allows(-100L)).isTrue();
    }

    @Test
    void thePublicApiCapsDownloadsAtTwentyMegabytesALocalServerDoesNot() {
        assertThat(with(null, 100L * 1024 * 1024).downloadLimit()).isEqualTo(TelegramOptions.PUBLIC_DOWNLOAD_LIMIT);
        TelegramOptions local = with(URI.create("http://localhost:8081"), 100L * 1024 * 1024);
        assertThat(local.localBotApiServer()).isTrue();
        assertThat(local.downloadLimit()).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void anAllowlistLetsOnlyItsChatsIn() {
        TelegramOptions options = new TelegramOptions(TOKEN, null, Optional.empty(), Optional.empty(), Set.of(-5L),
                Set.of(), 1);
        assertThat(options.allows(-5L)).isTrue();
        assertThat(options.allows(42L)).isFalse();
    }

    @Test
    void badValuesAreRefusedInPlainWords() {
        assertThatThrownBy(() -> TelegramOptions.polling(" ")).isInstanceOf(InvalidTelegramOptionsException.class)
                .hasMessageContaining("TELEGRAM_BOT_TOKEN");
        assertThatThrownBy(() -> with(URI.create("http://localhost:8081/bot"), 1))
                .isInstanceOf(InvalidTelegramOptionsException.class).hasMessageContaining("TELEGRAM_API_URL");
        assertThatThrownBy(() -> with(URI.create("ftp://localhost"), 1))
                .isInstanceOf(InvalidTelegramOptionsException.class);
        assertThatThrownBy(() -> new TelegramOptions(TOKEN, null, Optional.of(URI.create("hook")), Optional.empty(),
                null, null, 1)).isInstanceOf(InvalidTelegramOptionsException.class)
                .hasMessageContaining("TELEGRAM_WEBHOOK_URL");
        assertThatThrownBy(() -> with(null, 0)).isInstanceOf(InvalidTelegramOptionsException.class);
    }

    @Test
    void idListsAndBindAddressesAreReadFromSettings() {
        assertThat(TelegramOptions.parseIds("", "TELEGRAM_ADMINS")).isEmpty();
        assertThat(TelegramOptions.parseIds(" 7001, -100123  42 ", "TELEGRAM_ALLOWED_CHATS"))
                .containsExactlyInAnyOrder(7001L, -100123L, 42L);
        assertThatThrownBy(() -> TelegramOptions.parseIds("7001,@alice", "TELEGRAM_ADMINS"))
                .isInstanceOf(InvalidTelegramOptionsException.class).hasMessageContaining("TELEGRAM_ADMINS")
                .hasMessageContaining("@alice");

        assertThat(TelegramOptions.parseBind("127.0.0.1:9000", "TELEGRAM_WEBHOOK_BIND").getPort()).isEqualTo(9000);
        assertThat(TelegramOptions.parseBind("127.0.0.1:9000", "TELEGRAM_WEBHOOK_BIND").getHostString())
                .isEqualTo("127.0.0.1");
        assertThat(TelegramOptions.parseBind(":8443", "TELEGRAM_WEBHOOK_BIND").getAddress().isAnyLocalAddress())
                .isTrue();
        assertThatThrownBy(() -> TelegramOptions.parseBind("localhost:http", "TELEGRAM_WEBHOOK_BIND"))
                .isInstanceOf(InvalidTelegramOptionsException.class).hasMessageContaining("TELEGRAM_WEBHOOK_BIND");
    }

    @Test
    void theTokenNeverShowsInTextMeantForLogs() {
        assertThat(TelegramOptions.polling(TOKEN).toString()).doesNotContain("ABC-secret").contains("***");
        Redactor redactor = new Redactor(TOKEN);
        assertThat(redactor.redact("POST https://api.telegram.org/bot123456:ABC-secret/sendPhoto failed"))
                .isEqualTo("POST https://api.telegram.org/bot<token>/sendPhoto failed");
        assertThat(redactor.describe(new java.io.IOException("closed: /file/bot" + TOKEN + "/a.jpg")))
                .doesNotContain(TOKEN);
    }
}
