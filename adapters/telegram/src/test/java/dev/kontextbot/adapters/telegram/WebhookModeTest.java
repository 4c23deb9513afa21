package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** Webhook mode: setWebhook with a secret, then Telegram's POSTs reach the real bot; strangers get 401. */
@RedisTest
class WebhookModeTest {

    private FakeBotApi api;
    private TestBot testBot;
    private TelegramAdapter adapter;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start(UnifiedJedis redis, @TempDir Path dir) throws Exception {
        api = new FakeBotApi();
        testBot = TestBot.start(redis, dir);
        TelegramOptions options = new TelegramOptions(FakeBotApi.TOKEN, api.url(),
                Optional.of(URI.create("https://bot.example.org/telegram/hook")),
                Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), Set.of(), Set.of(),
                TelegramOptions.PUBLIC_DOWNLOAD_LIMIT);
        adapter = new TelegramAdapter(options, testBot.bot());
        adapter.start();
    }

    @AfterEach
    void stop() {
        adapter.stop();
        testBot.close();
        api.close();
        http.close();
    }

    @Test
    void theWebhookModeReceivesAnUpdate() throws Exception {
        FakeBotApi.Call setWebhook = api.await("setWebhook", TelegramAdapterTest.WAIT);
        assertThat(setWebhook.param("url")).isEqualTo("https://bot.example.org/telegram/hook");
        String secret = setWebhook.param("secret_token");
        assertThat(secret).matches("[A-Za-z0-9_-]{1,256}");
        assertThat(api.calls("getUpdates")).isEmpty();

        String update = Updates.JSON.writeValueAsString(
                Updates.wrapMessage(Updates.text(Updates.PRIVATE_CHAT, 10, "/help")).put("update_id", 1));
        assertThat(post(update, "wrong-secret")).isEqualTo(401);
        assertThat(post(update, null)).isEqualTo(401);
        assertThat(post("{not json", secret)).isEqualTo(400);
        assertThat(post(update, secret)).isEqualTo(200);

        FakeBotApi.Call help = api.await("sendMessage", TelegramAdapterTest.WAIT);
        assertThat(help.param("chat_id")).isEqualTo(Long.toString(Updates.PRIVATE_CHAT));
        assertThat(help.json("reply_parameters").get("message_id").asInt()).isEqualTo(10);
        assertThat(help.param("text")).isNotBlank();
        assertThat(api.calls("sendMessage")).hasSize(1); // the rejected posts reached nobody
    }

    private int post(String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adapter.webhookPort().orElseThrow() + "/telegram/hook"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(WebhookReceiver.SECRET_HEADER, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
