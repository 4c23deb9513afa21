package dev.kontextbot.core.image;

import dev.kontextbot.core.turn.TurnException;
import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Before: an album had no cap on its pictures or their pixels together, so pictures each within the limits could
 * exhaust memory. Small caps here keep the test light; the defaults are the same rule at full size.
 */
class ImageIntakeTest {

    private final ImageIntake intake = new ImageIntake(new ImageDecoder(),
            new ContextCollage(new LanczosResizer()), 20L << 20, 3, 200_000);

    @Test
    void tooManyPicturesInOneMessageAreRefusedInPlainWords() {
        List<Attachment> four = Collections.nCopies(4, attachment("a.png", png(64, 48)));

        assertThatThrownBy(() -> intake.read(four)).isInstanceOf(TurnException.class)
                .hasMessage("That is 4 pictures; I can take at most 3 in one message.");
    }

    @Test
    void picturesTooLargeTogetherAreRefusedThoughEachIsWithinTheLimits() {
        List<Attachment> three = Collections.nCopies(3, attachment("a.png", png(400, 300)));

        assertThatThrownBy(() -> intake.read(three)).isInstanceOf(TurnException.class)
                .hasMessageStartingWith("These pictures are too large together (over 0.2 megapixels");
    }

    @Test
    void picturesWithinTheCapsMakeOneCollage() {
        ImageIntake.Intake in = intake.read(List.of(attachment("a.png", png(200, 150)),
                attachment("b.png", png(200, 150))));

        assertThat(in.pictures()).isEqualTo(2);
        assertThat(in.image().getWidth()).isEqualTo(400);
    }
}
