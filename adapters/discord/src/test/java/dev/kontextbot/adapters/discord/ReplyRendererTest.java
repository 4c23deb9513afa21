package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import dev.kontextbot.core.testing.TestPictures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyRendererTest {

    private static final List<ReplyAction> ACTIONS = List.of(new ReplyAction(ActionKind.UNDO, "u.v2"),
            new ReplyAction(ActionKind.FULL_SIZE, "o.v2"));

    @Test
    void queuedAndProgressLines() {
        ReplyRenderer renderer = new ReplyRenderer(new AttachmentEncoder(1 << 20), true);
        assertThat(renderer.render(new Reply.Queued("j", 2, Duration.ofSeconds(40))).content())
                .isEqualTo("⏳ Queued: 2 jobs ahead of you, about 40 s.");
        assertThat(renderer.render(new Reply.Queued("j", 0, Duration.ZERO)).content())
                .isEqualTo("⏳ Starting your job…");
        Outgoing progress = renderer.render(new Reply.Progress("j", 14, 28, Duration.ofSeconds(20),
                Optional.of(new byte[] {1, 2, 3})));
        assertThat(progress.content()).isEqualTo("🎨 Working: step 14/28 ▰▰▰▰▰▱▱▱▱▱, about 20 s left");
        assertThat(progress.file()).hasValueSatisfying(f -> assertThat(f.fileName()).isEqualTo("preview.png"));
    }

    @Test
    void aQuestionCarriesItsYesAndNoButtons() {
        ReplyRenderer renderer = new ReplyRenderer(new AttachmentEncoder(1 << 20), true);
        List<ReplyAction> yesNo = List.of(new ReplyAction(ActionKind.CONFIRM, "y.answer"),
                new ReplyAction(ActionKind.DECLINE, "n.answer"));

        Outgoing question = renderer.render(new Reply.Text("Edit the picture: 'a red car'?", yesNo));

        assertThat(question.content()).isEqualTo("Edit the picture: 'a red car'?");
        assertThat(question.buttons()).extracting(ReplyAction::label).containsExactly("Yes", "No");
        assertThat(renderer.render(new Reply.Text("Hi!")).buttons()).isEmpty();
    }

    @Test
    void previewsCanBeSwitchedOff() {
        ReplyRenderer renderer = new ReplyRenderer(new AttachmentEncoder(1 << 20), false);
        assertThat(renderer.render(new Reply.Progress("j", 1, 28, Duration.ofSeconds(20),
                Optional.of(new byte[] {1}))).file()).isEmpty();
    }

    @Test
    void resultWithCaptionButtonsAndJpegNoteWhenOverTheLimit() throws Exception {
        byte[] png = TestPictures.noisyPng(256, 256);
        Reply.Image image = new Reply.Image("v2", Optional.of("v1"), 2, png, 256, 256, "v2 · make it red · seed 4",
                ACTIONS, false, Optional.of("j"));
        Outgoing fits = new ReplyRenderer(new AttachmentEncoder(1 << 20), true).render(image);
        assertThat(fits.content()).isEqualTo("v2 · make it red · seed 4");
        assertThat(fits.file().orElseThrow().fileName()).isEqualTo("kontext-v2.png");
        assertThat(fits.buttons()).isEqualTo(ACTIONS);

        Outgoing jpeg = new ReplyRenderer(new AttachmentEncoder(png.length / 2), true).render(image);
        assertThat(jpeg.file().orElseThrow().fileName()).isEqualTo("kontext-v2.jpg");
        assertThat(jpeg.content()).contains("high-quality JPEG");
    }

    @Test
    void fullSizeSendsTheOriginalOnlyWhenAllowed() {
        Reply.File file = new Reply.File("kontext-v2.png", "image/png", new byte[2048], "v2 original",
                Optional.of("v2"));
        assertThat(new ReplyRenderer(new AttachmentEncoder(4096), true).render(file).file())
                .hasValueSatisfying(f -> assertThat(f.bytes()).hasSize(2048));
        Outgoing refused = new ReplyRenderer(new AttachmentEncoder(1024), true).render(file);
        assertThat(refused.file()).isEmpty();
        assertThat(refused.content()).contains("The original is", "Discord lets me upload here");
    }

    @Test
    void errorsAndLongTexts() {
        ReplyRenderer renderer = new ReplyRenderer(new AttachmentEncoder(1 << 20), true);
        assertThat(renderer.render(new Reply.Error("queue_full", "The queue is full.")).content())
                .isEqualTo("⚠️ The queue is full.");
        assertThat(renderer.render(new Reply.Text("x".repeat(5000))).content()).hasSize(Outgoing.MAX_CONTENT);
    }
}
