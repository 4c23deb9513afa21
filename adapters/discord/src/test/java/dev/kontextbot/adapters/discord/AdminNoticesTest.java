package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kontextbot.core.chat.ReviewDesk;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.user.User;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Javacord is the third-party boundary here: its API and users are Mockito mocks. */
class AdminNoticesTest {

    @Test
    void eachAdminGetsTheNoticeAsADirectMessageAndOneUnreachableAdminStopsNoOne() {
        DiscordApi api = mock(DiscordApi.class);
        User admin = mock(User.class);
        when(admin.sendMessage(anyString())).thenReturn(CompletableFuture.completedFuture(mock(Message.class)));
        when(api.getUserById(1L)).thenReturn(CompletableFuture.completedFuture(admin));
        when(api.getUserById(2L)).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("unknown user")));
        ReviewDesk.Entry entry = new ReviewDesk.Entry("rv-1", "result", "open", "discord", "555", "42", "Dave",
                "a lighthouse", "nsfw 0.97", Map.of("nsfw", 0.97), Instant.EPOCH, true, true);

        new AdminNotices(api, Set.of(1L, 2L)).tell(entry);

        ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
        verify(admin).sendMessage(text.capture());
        assertThat(text.getValue()).startsWith("Safety review: a result (held back from the user) from Dave")
                .contains("discord user 42", "chat 555", "nsfw 0.97", "\"a lighthouse\"", "/review.html");
        verify(api).getUserById(2L);
    }

    @Test
    void withoutAdminsNothingIsSent() {
        DiscordApi api = mock(DiscordApi.class);
        new AdminNotices(api, Set.of()).tell(new ReviewDesk.Entry("rv-1", "prompt", "open", "discord", "1", "2", "E",
                "", "term list en", Map.of(), Instant.EPOCH, false, false));
        verify(api, never()).getUserById(org.mockito.ArgumentMatchers.anyLong());
    }
}
