package dev.kontextbot.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestScreening;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** A flagged photo on Telegram: the sender gets a plain refusal, each admin a notice in their private chat. */
@RedisTest
class TelegramSafetyTest {

    private static final long ADMIN = 9001;

    private FakeBotApi api;
    private TestScreening screening;
    private TestBot testBot;
    private TelegramAdapter adapter;

    @BeforeEach
    void start(UnifiedJedis redis, @TempDir Path dir) throws Exception {
        api = new FakeBotApi();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        screening = TestScreening.standIn(redis, dir, Set.of("nsfw"), SafetyOptions.defaults(), registry);
        testBot = TestBot.start(redis, dir, registry, BotCoreOptions.defaults(true), true, screening.screening());
        adapter = new TelegramAdapter(new TelegramOptions(FakeBotApi.TOKEN, api.url(), Optional.empty(),
                Optional.empty(), Set.of(), Set.of(ADMIN), TelegramOptions.PUBLIC_DOWNLOAD_LIMIT), testBot.bot(),
                Clock.systemUTC(), Sleeper.REAL, Duration.ofMillis(300));
        adapter.start();
    }

    @AfterEach
    void stop() {
        adapter.stop();
        testBot.close();
        screening.close();
        api.close();
    }

    @Test
    void aFlaggedPhotoIsRefusedAndTheAdminsAreTold() throws Exception {
        BufferedImage red = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = red.createGraphics();
        g.setColor(new Color(250, 5, 10));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(red, "jpg", jpeg);
        String fileId = api.storeFile(jpeg.toByteArray());
        api.queueUpdate(Updates.wrapMessage(Updates.photo(Updates.PRIVATE_CHAT, 10, fileId, jpeg.size(),
                "make the sky purple")));

        FakeBotApi.Call refusal = api.await("sendMessage", c -> Long.toString(Updates.PRIVATE_CHAT)
                .equals(c.param("chat_id")) && c.param("text").contains("isn't allowed"), TelegramAdapterTest.WAIT);
        assertThat(refusal.param("text")).doesNotContainIgnoringCase("nsfw");
        FakeBotApi.Call notice = api.await("sendMessage", c -> Long.toString(ADMIN).equals(c.param("chat_id")),
                TelegramAdapterTest.WAIT);
        assertThat(notice.param("text")).startsWith("Safety review: an uploaded picture")
                .contains("user " + Updates.ALICE).contains("nsfw").contains("make the sky purple")
                .contains("/review.html");
        assertThat(api.calls("sendPhoto")).isEmpty();
    }
}
