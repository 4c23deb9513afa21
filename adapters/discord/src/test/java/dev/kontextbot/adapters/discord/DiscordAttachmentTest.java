package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kontextbot.core.chat.AttachmentException;
import java.io.ByteArrayInputStream;
import org.javacord.api.entity.Attachment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class DiscordAttachmentTest {

    private static Attachment attachment(String name, int reportedSize, byte[] bytes) throws Exception {
        Attachment attachment = mock(Attachment.class);
        when(attachment.getFileName()).thenReturn(name);
        when(attachment.getSize()).thenReturn(reportedSize);
        when(attachment.asInputStream()).thenAnswer(call -> new ByteArrayInputStream(bytes));
        return attachment;
    }

    @Test
    void fetchesWithinTheLimit() throws Exception {
        DiscordAttachment attachment = new DiscordAttachment(attachment("Cat.JPG", 3, new byte[] {1, 2, 3}));
        assertThat(attachment.mimeType()).isEqualTo("image/jpeg");
        assertThat(attachment.sizeBytes()).isEqualTo(3);
        assertThat(attachment.fetch(10)).containsExactly(1, 2, 3);
    }

    @Test
    void refusesBeforeDownloadingWhenTheReportedSizeIsOver() throws Exception {
        Attachment javacord = attachment("big.png", 30 * 1024 * 1024, new byte[0]);
        assertThatThrownBy(() -> new DiscordAttachment(javacord).fetch(20L * 1024 * 1024))
                .isInstanceOf(AttachmentException.class).hasMessage("The picture is 30.0 MB; I can take up to 20.0 MB.");
        verify(javacord, never()).asInputStream();
    }

    @Test
    void stopsReadingPastTheLimitWhenTheSizeLied() throws Exception {
        DiscordAttachment attachment = new DiscordAttachment(attachment("a.png", 1, new byte[100]));
        assertThatThrownBy(() -> attachment.fetch(10)).isInstanceOf(AttachmentException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void onlyPicturesCountAsImages() throws Exception {
        assertThat(DiscordAttachment.isImage(attachment("notes.txt", 1, new byte[0]))).isFalse();
        assertThat(DiscordAttachment.isImage(attachment("photo.webp", 1, new byte[0]))).isTrue();
    }
}
