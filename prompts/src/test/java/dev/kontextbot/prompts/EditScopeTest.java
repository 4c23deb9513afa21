package dev.kontextbot.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EditScopeTest {

    private final EditScope scope = new EditScope();

    @ParameterizedTest
    @ValueSource(strings = {"add a red hat", "Remove the lamp on the left", "change the sign to 'OPEN'",
            "replace the cup with a glass of wine", "give the dog sunglasses", "put a bird on the fence"})
    void instructionsThatNameOneThingAreLocal(String instruction) {
        assertThat(scope.of(instruction)).isEqualTo(EditScope.Scope.LOCAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Transform to Bauhaus art style", "make it night", "change the background to a beach",
            "make the whole image black and white", "turn it into a watercolor painting", "add snow to the scene",
            "make the sky purple", "zoom out"})
    void styleLightAndSceneChangesAreWhole(String instruction) {
        assertThat(scope.of(instruction)).isEqualTo(EditScope.Scope.WHOLE);
    }
}
