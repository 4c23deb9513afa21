package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.javacord.api.interaction.ApplicationCommandBuilder;
import org.javacord.core.interaction.ApplicationCommandBuilderDelegateImpl;
import org.junit.jupiter.api.Test;

class DiscordCommandsTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final DiscordCommands commands = DiscordCommands.standard();

    @Test
    void printedJsonIsWhatJavacordRegisters() throws Exception {
        ArrayNode javacord = mapper.createArrayNode();
        for (ApplicationCommandBuilder<?, ?, ?> builder : JavacordCommands.builders(commands)) {
            // The body Javacord's bulk overwrite sends for each command.
            javacord.add(((ApplicationCommandBuilderDelegateImpl<?>) builder.getDelegate())
                    .getJsonBodyForApplicationCommand());
        }
        JsonNode printed = mapper.readTree(commands.json());
        // Through text, so int and long nodes of the same number compare equal.
        assertThat(printed).isEqualTo(mapper.readTree(mapper.writeValueAsString(javacord)));
    }

    @Test
    void namesDescriptionsAndOptionOrder() throws Exception {
        JsonNode json = mapper.readTree(commands.json());
        List<String> names = StreamSupport.stream(json.spliterator(), false).map(n -> n.get("name").asText()).toList();
        assertThat(names).containsExactly("edit", "imagine", "undo", "redo", "history", "reset", "reference",
                "settings", "cancel", "help", "region", "Edit with Kontext");
        for (JsonNode command : json) {
            if (command.get("type").asInt() == 1) {
                assertThat(command.get("name").asText()).matches("[a-z]{1,32}");
                assertThat(command.get("description").asText().length()).as(command.toString()).isBetween(1, 100);
                for (JsonNode option : command.path("options")) {
                    assertThat(option.get("name").asText()).matches("[a-z]{1,32}");
                    assertThat(option.get("description").asText().length()).as(option.toString()).isBetween(1, 100);
                }
            } else {
                assertThat(command.get("type").asInt()).isEqualTo(3);
                assertThat(command.path("options").isMissingNode()).isTrue();
            }
        }
        JsonNode edit = json.get(0).get("options");
        assertThat(List.of(edit.get(0).get("name").asText(), edit.get(1).get("name").asText(),
                edit.get(2).get("name").asText(), edit.get(3).get("name").asText()))
                .containsExactly("image", "instruction", "seed", "steps");
        // Types: attachment 11, string 3, integer 4; required options before optional ones.
        assertThat(List.of(edit.get(0).get("type").asInt(), edit.get(1).get("type").asInt(),
                edit.get(2).get("type").asInt(), edit.get(3).get("type").asInt())).containsExactly(11, 3, 4, 4);
        assertThat(edit.get(0).get("required").asBoolean()).isTrue();
        assertThat(edit.get(3).get("required").asBoolean()).isFalse();
        assertThat(edit.get(3).get("max_value").asLong()).isEqualTo(50);

        JsonNode imagine = json.get(1).get("options");
        assertThat(imagine.get(0).get("name").asText()).isEqualTo("prompt");
        assertThat(imagine.get(1).get("choices")).hasSize(DiscordCommands.ASPECTS.size());

        JsonNode reference = json.get(6).get("options");
        assertThat(reference.get(0).get("choices").findValuesAsText("value")).containsExactly("character", "style");
        assertThat(reference.get(1).get("type").asInt()).isEqualTo(11);

        JsonNode settings = json.get(7).get("options");
        assertThat(settings.findValuesAsText("name")).startsWith("steps", "guidance", "seed", "aspect");
        assertThat(settings.get(1).get("type").asInt()).isEqualTo(10);
        assertThat(settings.get(2).get("min_value").asLong()).isEqualTo(-1);

        JsonNode region = json.get(10).get("options");
        assertThat(region.findValuesAsText("name")).containsExactly("area", "instruction");
        assertThat(region.findValuesAsText("type")).containsExactly("3", "3");
        assertThat(region.findValuesAsText("required")).containsExactly("true", "true");
    }

    @Test
    void jsonCarriesNoTokenAndIsStable() {
        assertThat(commands.json()).isEqualTo(DiscordCommands.standard().json()).doesNotContain("token");
    }
}
