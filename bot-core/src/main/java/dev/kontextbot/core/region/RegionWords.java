package dev.kontextbot.core.region;

import dev.kontextbot.inference.region.Box;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Areas of a picture said in words ("the top-left quarter", "the bottom half", "the middle") or as a pixel box
 * ("100,150,300,200"), and instructions limited to one ("only the top-left quarter: make the sky red",
 * "add a bird, only in the top right corner").
 */
public final class RegionWords {

    /**
     * An instruction limited to an area.
     *
     * @param region      the area
     * @param areaWords   the area as said ("top-left quarter"), which {@link #area} reads back
     * @param instruction the instruction without the area's words
     */
    public record Limited(RegionSpec region, String areaWords, String instruction) {
    }

    private static final String VERTICAL = "top|upper|bottom|lower";
    private static final String HORIZONTAL = "left|right";
    private static final String AREA = "(?:(?:the )?(?:(?<v>" + VERTICAL + ")[- ]?(?<h>" + HORIZONTAL + ")"
            + "(?: (?:quarter|corner|part|area|side))?"
            + "|(?<half>" + VERTICAL + "|" + HORIZONTAL + ") (?<part>half|third|quarter)"
            + "|(?<mid>center|centre|middle)(?: part| area)?)"
            + "(?: of (?:the |this )?(?:picture|image|photo|pic))?"
            + "|(?<box>\\d{1,5}\\s*,\\s*\\d{1,5}\\s*,\\s*\\d{1,5}\\s*,\\s*\\d{1,5}))";
    private static final Pattern AREA_ONLY = Pattern.compile("^(?:in |on |inside |within )?" + AREA + "$");
    /**
     * An area anywhere in the instruction, limited by "only" or "just" before or after it: "only (in) the top half",
     * "just the middle", "in the top half only". Named groups may appear once, so the area is written once here.
     */
    private static final Pattern LIMIT = Pattern.compile(
            "[,:;]?\\s*\\b(?<pre>(?:only|just)\\s+(?:change |edit )?)?(?:in |on |inside |within )?" + AREA
                    + "(?<post>\\s+(?:only|just)\\b)?[,:;]?",
            Pattern.CASE_INSENSITIVE);

    /** The area {@code words} name, alone ("top-left quarter", "the middle", "100,150,300,200"). */
    public Optional<RegionSpec> area(String words) {
        if (words == null) {
            return Optional.empty();
        }
        Matcher m = AREA_ONLY.matcher(words.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        return m.matches() ? spec(m) : Optional.empty();
    }

    /** The instruction and its area when the text limits itself to one; empty when it does not. */
    public Optional<Limited> limited(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LIMIT.matcher(text);
        boolean found = false;
        while (!found && m.find()) {
            found = m.group("pre") != null || m.group("post") != null;
        }
        if (!found) {
            return Optional.empty();
        }
        String rest = (text.substring(0, m.start()) + " " + text.substring(m.end()))
                .replaceAll("\\s+", " ").replaceAll("^[\\s,:;]+|[\\s,:;]+$", "").strip();
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        String words = m.group().toLowerCase(Locale.ROOT)
                .replaceAll("^[\\s,:;]+|[\\s,:;]+$", "")
                .replaceAll("^(?:only|just)\\s+", "").replaceAll("\\s+(?:only|just)$", "")
                .replaceAll("^(?:change|edit) ", "").replaceAll("\\s+", " ");
        Matcher area = AREA_ONLY.matcher(words);
        return area.matches() ? spec(area).map(region -> new Limited(region, words, rest)) : Optional.empty();
    }

    /** The area matched; empty (not an area) for a box whose numbers cannot be read, never an exception. */
    private static Optional<RegionSpec> spec(Matcher m) {
        if (m.group("box") != null) {
            String[] n = m.group("box").replaceAll("\\s", "").split(",");
            try {
                return Optional.of(new RegionSpec.Pixels(new Box(Integer.parseInt(n[0]), Integer.parseInt(n[1]),
                        Math.max(1, Integer.parseInt(n[2])), Math.max(1, Integer.parseInt(n[3])))));
            } catch (IllegalArgumentException e) { // NumberFormatException is one
                return Optional.empty();
            }
        }
        return Optional.of(named(m));
    }

    private static RegionSpec named(Matcher m) {
        if (m.group("mid") != null) {
            return new RegionSpec.Fraction(0.25, 0.25, 0.5, 0.5);
        }
        if (m.group("v") != null) {
            double y = top(m.group("v")) ? 0 : 0.5;
            double x = m.group("h").equals("left") ? 0 : 0.5;
            return new RegionSpec.Fraction(x, y, 0.5, 0.5);
        }
        String side = m.group("half");
        double size = switch (m.group("part")) {
            case "half" -> 0.5;
            case "third" -> 1.0 / 3;
            default -> 0.25;
        };
        return switch (side) {
            case "left" -> new RegionSpec.Fraction(0, 0, size, 1);
            case "right" -> new RegionSpec.Fraction(1 - size, 0, size, 1);
            default -> top(side) ? new RegionSpec.Fraction(0, 0, 1, size) : new RegionSpec.Fraction(0, 1 - size, 1, size);
        };
    }

    private static boolean top(String word) {
        return word.equals("top") || word.equals("upper");
    }
}
