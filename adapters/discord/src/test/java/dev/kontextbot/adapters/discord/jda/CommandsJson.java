package dev.kontextbot.adapters.discord.jda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the commands a library registered with the printed ones ({@code kontextbot discord commands}), field by
 * field as Discord reads them: a missing boolean is false, a missing or empty description of a context menu is none.
 * Javacord's {@code dm_permission} and JDA's {@code contexts} say the same (usable in DMs) and are checked apart.
 */
public final class CommandsJson {

    private static final List<String> OPTION_FIELDS = List.of("type", "name", "description", "choices", "min_value",
            "max_value");

    private CommandsJson() {
    }

    /** The differences, in words; empty when the two define the same commands. */
    public static List<String> sameCommands(JsonNode registered, JsonNode printed) {
        List<String> differences = new ArrayList<>();
        Map<String, JsonNode> actual = byName(registered);
        Map<String, JsonNode> expected = byName(printed);
        if (!actual.keySet().equals(expected.keySet())) {
            differences.add("commands " + actual.keySet() + " instead of " + expected.keySet());
        }
        expected.forEach((name, want) -> {
            JsonNode got = actual.get(name);
            if (got == null) {
                return;
            }
            same(differences, name, "type", got.path("type"), want.path("type"));
            same(differences, name, "description", text(got.path("description")), text(want.path("description")));
            same(differences, name, "nsfw", got.path("nsfw").asBoolean(false), want.path("nsfw").asBoolean(false));
            Map<String, JsonNode> gotOptions = byName(got.path("options"));
            Map<String, JsonNode> wantOptions = byName(want.path("options"));
            if (!List.copyOf(gotOptions.keySet()).equals(List.copyOf(wantOptions.keySet()))) {
                differences.add(name + ": options " + gotOptions.keySet() + " instead of " + wantOptions.keySet());
            }
            wantOptions.forEach((option, wantOption) -> {
                JsonNode gotOption = gotOptions.get(option);
                if (gotOption == null) {
                    return;
                }
                for (String field : OPTION_FIELDS) {
                    same(differences, name + "." + option, field, number(gotOption.path(field)),
                            number(wantOption.path(field)));
                }
                same(differences, name + "." + option, "required", gotOption.path("required").asBoolean(false),
                        wantOption.path("required").asBoolean(false));
                same(differences, name + "." + option, "autocomplete",
                        gotOption.path("autocomplete").asBoolean(false),
                        wantOption.path("autocomplete").asBoolean(false));
            });
        });
        return differences;
    }

    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> byName = new TreeMap<>();
        array.forEach(node -> byName.put(node.path("name").asText(), node));
        return byName;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    /** 4294967295 and 4.294967295E9 are the same bound to Discord; choices are their names and values. */
    private static String number(JsonNode node) {
        if (node.isArray()) {
            List<String> choices = new ArrayList<>();
            node.forEach(c -> choices.add(c.path("name").asText() + "=" + c.path("value").asText()));
            return choices.toString();
        }
        return node.isNumber() ? Double.toString(node.asDouble()) : node.toString();
    }

    private static void same(List<String> differences, String where, String field, Object got, Object want) {
        if (!String.valueOf(got).equals(String.valueOf(want))) {
            differences.add(where + "." + field + ": " + got + " instead of " + want);
        }
    }
}
