package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.core.chat.AttachmentException;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

/** Downloads go to the configured Bot API server, within the limit, in plain words when they cannot. */
class FileDownloaderTest {

    private FakeBotApi api;
    private FileDownloader downloader;

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi();
        Redactor redactor = new Redactor(FakeBotApi.TOKEN);
        OkHttpTelegramClient client = new OkHttpTelegramClient(FakeBotApi.TOKEN, TelegramAdapter.telegramUrl(api.url()));
        downloader = new FileDownloader(client, new BotApiCalls(Clock.systemUTC(), Sleeper.REAL, redactor), api.url(),
                FakeBotApi.TOKEN, redactor);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theFileUrlIsBuiltOnTheConfiguredServer() {
        assertThat(downloader.fileUrl("photos/file_1.jpg").toString())
                .isEqualTo(api.url() + "/file/bot" + FakeBotApi.TOKEN + "/photos/file_1.jpg");
    }

    @Test
    void aFileIsFetchedThroughGetFileAndTheFileUrl() throws Exception {
        byte[] jpeg = TestPictures.encode(TestPictures.gradient(64, 48, 0x60), "jpeg");
        String id = api.storeFile(jpeg);
        assertThat(downloader.download(id, 1_000_000)).isEqualTo(jpeg);
        assertThat(api.calls("getFile")).singleElement().satisfies(c -> assertThat(c.param("file_id")).isEqualTo(id));
        assertThat(api.downloads()).hasSize(1);
    }

    @Test
    void moreThanTheLimitIsRefusedInPlainWords() {
        String id = api.storeFile(new byte[300_000]);
        assertThatThrownBy(() -> downloader.download(id, 100_000)).isInstanceOf(AttachmentException.class)
                .hasMessage("That file is 0.3 MB; I can take files up to 0.1 MB.");
    }

    @Test
    void aFileTelegramWillNotHandOverGetsAPlainMessage() {
        String id = api.storeHugeFile(30L * 1024 * 1024);
        assertThatThrownBy(() -> downloader.download(id, Long.MAX_VALUE)).isInstanceOf(AttachmentException.class)
                .hasMessageContaining("20 MB").hasMessageNotContaining(FakeBotApi.TOKEN);
    }

    @Test
    void aLocalBotApiServerPathIsReadFromDisk(@TempDir Path dir) throws Exception {
        byte[] bytes = TestPictures.encode(TestPictures.gradient(32, 32, 0x60), "jpeg");
        Path file = Files.write(dir.resolve("photo.jpg"), bytes);
        String id = api.storeLocalFile(file.toAbsolutePath(), bytes.length);
        assertThat(downloader.download(id, 1_000_000)).isEqualTo(bytes);
        assertThat(api.downloads()).isEmpty();
    }

    @Test
    void anAttachmentOverTheAdapterLimitIsRefusedBeforeAnyCall() {
        TelegramAttachment attachment = new TelegramAttachment("FILE9", "big.png", "image/png", 25L * 1024 * 1024,
                TelegramOptions.PUBLIC_DOWNLOAD_LIMIT, downloader);
        assertThatThrownBy(() -> attachment.fetch(Long.MAX_VALUE)).isInstanceOf(AttachmentException.class)
                .hasMessage("That file is 25.0 MB; I can take files up to 20.0 MB.");
        assertThat(api.calls()).isEmpty();
    }
}
