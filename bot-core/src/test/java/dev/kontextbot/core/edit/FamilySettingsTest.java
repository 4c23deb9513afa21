package dev.kontextbot.core.edit;

import dev.kontextbot.core.turn.TurnException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.inference.pipeline.ModelFamily;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FamilySettingsTest {

    private final FamilySettings kontext = new FamilySettings(ModelFamily.KONTEXT);
    private final FamilySettings klein = new FamilySettings(ModelFamily.KLEIN);

    @Test
    void kleinRefusesAGuidanceInPlainWordsAndKontextTakesOne() {
        assertThatThrownBy(() -> klein.checkGiven(null, 3.0)).isInstanceOf(TurnException.class)
                .hasMessageStartingWith("FLUX.2 [klein] 4B takes no guidance");
        klein.checkGiven(8, null);
        kontext.checkGiven(8, 3.0);
        assertThatThrownBy(() -> kontext.checkGiven(null, 21.0)).hasMessage("Guidance must be between 0 and 20.");
        assertThatThrownBy(() -> klein.checkGiven(0, null)).hasMessage("Steps must be between 1 and 100.");
    }

    @Test
    void defaultsAndTheGuidanceAJobCarriesFollowTheFamily() {
        ConversationSettings kleinDefaults = klein.defaults(4, 2.5);
        assertThat(kleinDefaults.steps()).isEqualTo(4);
        assertThat(kleinDefaults.guidance()).as("klein takes none, whatever was asked").isZero();
        assertThat(kontext.defaults(28, 2.5).guidance()).isEqualTo(2.5);
        assertThat(klein.guidanceFor(ConversationSettings.defaults())).isZero();
        assertThat(kontext.guidanceFor(ConversationSettings.defaults())).isEqualTo(2.5);
    }

    @Test
    void settingsAreDescribedInTheFamilysTerms() {
        ConversationSettings s = new ConversationSettings(4, 0, OptionalLong.of(7), "16:9");
        assertThat(klein.describe(s)).isEqualTo(
                "Settings: 4 steps, no guidance (FLUX.2 [klein] 4B takes none), seed 7, aspect 16:9.");
        assertThat(kontext.describe(ConversationSettings.defaults())).isEqualTo(
                "Settings: 28 steps, guidance 2.5, seed random, aspect auto.");
    }
}
