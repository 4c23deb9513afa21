package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The webhook receiver on a real loopback HTTP server. Before: a repeated update_id was handled twice, and a client
 * that stalled mid-body held its request open forever.
 */
class WebhookReceiverTest {

    private static final String SECRET = "webhook-secret-0123456789";

    @Test
    void anUpdateSentAgainIsAnsweredButHandledOnce() throws Exception {
        List<Update> handled = new CopyOnWriteArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/hook", SECRET, handled::add)) {
            receiver.start();
            String update = Updates.JSON.writeValueAsString(
                    Updates.wrapMessage(Updates.text(Updates.PRIVATE_CHAT, 10, "hi")).put("update_id", 7001));
            assertThat(post(receiver, update)).isEqualTo(200);
            assertThat(post(receiver, update)).isEqualTo(200);
            assertThat(post(receiver, update.replace("\"update_id\":7001", "\"update_id\":7002"))).isEqualTo(200);
        }
        assertThat(handled).extracting(Update::getUpdateId).containsExactly(7001, 7002);
    }

    @Test
    void aClientThatStallsMidBodyIsCutOffAfterTheReadTimeout() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/hook", SECRET, u -> { }, Duration.ofMillis(300));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), 0 + portOf(receiver))) {
            socket.setSoTimeout(10_000); // the test's own bound: the server must answer well before this
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hook HTTP/1.1\r\nHost: x\r\n" + WebhookReceiver.SECRET_HEADER + ": " + SECRET
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"update_id\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 408");
        }
    }

    private static int portOf(WebhookReceiver receiver) throws Exception {
        receiver.start();
        return receiver.port();
    }

    private static int post(WebhookReceiver receiver, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/hook"))
                .timeout(Duration.ofSeconds(10)).header(WebhookReceiver.SECRET_HEADER, SECRET)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
