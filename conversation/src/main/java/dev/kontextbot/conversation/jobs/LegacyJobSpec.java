package dev.kontextbot.conversation.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job stored before the typed recipe (format 1, no {@code format} field): 18 flat fields, a compound
 * edit's steps joined with newlines in {@code instructionSent} and their typed parts in {@code instructionTyped},
 * the region as text ("px:X,Y,W,H" or "frac:X,Y,W,H"), {@code keepUntouched} and {@code variations} null for no.
 * Jobs queued, running or held for review during an upgrade are read into the same recipe they meant.
 */
final class LegacyJobSpec {

    /** How format 1 joined the steps. */
    private static final String STEP_SEPARATOR = "\n";
    private static final Pattern PIXELS = Pattern.compile("px:(\\d+),(\\d+),(\\d+),(\\d+)");
    private static final Pattern FRACTIONS = Pattern.compile("frac:([0-9.]+),([0-9.]+),([0-9.]+),([0-9.]+)");

    private LegacyJobSpec() {
    }

    static JobSpec read(JsonNode node, ObjectCodec codec) throws JsonProcessingException {
        JsonNode width = node.path("width");
        JsonNode height = node.path("height");
        if (width.isNumber() != height.isNumber()) {
            throw new InvalidJobException("Give both width and height, or neither");
        }
        OutputSize size = width.isNumber() ? new OutputSize(width.asInt(), height.asInt()) : null;
        List<String> references = new ArrayList<>();
        node.path("referenceBlobIds").forEach(id -> references.add(id.asText()));
        JsonNode variations = node.path("variations");
        EditRecipe recipe = new EditRecipe(
                node.hasNonNull("kind") ? JobKind.valueOf(node.get("kind").asText()) : null,
                text(node, "baseVersionId"),
                steps(text(node, "instructionTyped"), text(node, "instructionSent")),
                references,
                region(text(node, "region")),
                node.path("keepUntouched").asBoolean(false),
                variations.isNumber() ? variations.asInt() : 1);
        return new JobSpec(text(node, "jobId"), text(node, "conversationId"),
                new Requester(text(node, "userId"), text(node, "groupId")),
                node.hasNonNull("delivery") ? codec.treeToValue(node.get("delivery"), DeliveryTarget.class) : null,
                recipe,
                new Sampling(node.path("seed").asLong(), node.path("steps").asInt(), node.path("guidance").asDouble(),
                        size));
    }

    /**
     * The steps as format 1's worker ran them: the non-blank lines of the sent text, each labelled by its line of
     * the typed text when there is one per step, else by the whole typed text.
     */
    static List<EditStep> steps(String typed, String sent) {
        List<String> instructions = Arrays.stream((sent == null ? "" : sent).split(STEP_SEPARATOR))
                .filter(s -> !s.isBlank()).toList();
        String whole = typed == null ? "" : typed;
        String[] parts = whole.split(STEP_SEPARATOR, -1);
        List<EditStep> steps = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            boolean ownPart = instructions.size() > 1 && parts.length == instructions.size();
            steps.add(new EditStep(ownPart ? parts[i] : whole, instructions.get(i)));
        }
        return steps;
    }

    static Region region(String encoded) {
        if (encoded == null) {
            return null;
        }
        Matcher px = PIXELS.matcher(encoded);
        Matcher frac = FRACTIONS.matcher(encoded);
        try {
            if (px.matches()) {
                return new Region.Pixels(Integer.parseInt(px.group(1)), Integer.parseInt(px.group(2)),
                        Integer.parseInt(px.group(3)), Integer.parseInt(px.group(4)));
            }
            if (frac.matches()) {
                return new Region.Fractions(Double.parseDouble(frac.group(1)), Double.parseDouble(frac.group(2)),
                        Double.parseDouble(frac.group(3)), Double.parseDouble(frac.group(4)));
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new InvalidJobException("The job's region '" + encoded + "' is not one the worker can read.");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
