package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Albums arrive as separate messages; they leave as one event with every picture. */
class AlbumCollectorTest {

    private static final Duration WINDOW = Duration.ofMillis(150);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Incoming.Message> out = new CopyOnWriteArrayList<>();
    private final AlbumCollector albums = new AlbumCollector(WINDOW, timer, out::add);
    private final UpdateMapper mapper = UpdateMapperTest.mapper(Set.of(), Set.of(), URI.create("http://localhost:1"));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void anAlbumBecomesOneEventWithAllPicturesAndTheCaption() throws Exception {
        albums.accept(part(Updates.PRIVATE_CHAT, 12, "F3", null));
        albums.accept(part(Updates.PRIVATE_CHAT, 10, "F1", "put them side by side on a beach"));
        albums.accept(part(Updates.PRIVATE_CHAT, 11, "F2", null));
        assertThat(out).isEmpty(); // still collecting
        awaitFlush();

        assertThat(out).singleElement().satisfies(album -> {
            assertThat(album.event().text()).isEqualTo("put them side by side on a beach");
            assertThat(album.event().attachments()).extracting(a -> a.fileName())
                    .containsExactly("photo-uF1.jpg", "photo-uF2.jpg", "photo-uF3.jpg");
            assertThat(album.event().messageId()).contains("10");
            assertThat(album.destination().replyTo()).contains(10);
        });
    }

    @Test
    void inGroupsAnAlbumCountsOnlyWhenOneOfItsMessagesAddressesTheBot() throws Exception {
        albums.accept(part(Updates.GROUP_CHAT, 20, "G1", "our trip"));
        albums.accept(part(Updates.GROUP_CHAT, 21, "G2", null));
        awaitFlush();
        assertThat(out).isEmpty();

        albums.accept(part(Updates.GROUP_CHAT, 30, "H1", "@kontext_test_bot combine these", "album-2"));
        albums.accept(part(Updates.GROUP_CHAT, 31, "H2", null, "album-2"));
        awaitFlush();
        assertThat(out).singleElement().satisfies(album -> {
            assertThat(album.event().text()).isEqualTo("combine these");
            assertThat(album.event().attachments()).hasSize(2);
        });
    }

    private Incoming.Message part(long chat, int messageId, String fileId, String caption) {
        return part(chat, messageId, fileId, caption, "album-1");
    }

    private Incoming.Message part(long chat, int messageId, String fileId, String caption, String group) {
        ObjectNode message = Updates.photo(chat, messageId, fileId, 1000, caption);
        message.put("media_group_id", group);
        return (Incoming.Message) mapper.map(Updates.parse(Updates.wrapMessage(message)));
    }

    /** Runs a no-op on the timer after the window: the flush scheduled before it has then run. */
    private void awaitFlush() throws Exception {
        timer.schedule(() -> { }, WINDOW.toMillis() + 1, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    }
}
