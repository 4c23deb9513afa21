package dev.kontextbot.prompts;

import java.util.regex.Pattern;

/**
 * Recognises whole-image style edits ("transform to Bauhaus art style", "make it look like a watercolor
 * painting"): the only edits where "transform" is the right word, and where the layout must be kept.
 */
final class StyleEdit {

    private static final Pattern WHOLE_IMAGE_STYLE = Pattern.compile(
            "(?i)^(?:transform|convert|turn|make|render|restyle|redraw|redo|change|paint|draw|reimagine|recreate)"
                    + "(?:\\s+(?:it|this|everything|the\\s+(?:whole\\s+|entire\\s+)?(?:image|photo|picture|pic|scene|shot)))?"
                    + "(?:\\s+(?:look|looks))?"
                    + "\\s+(?:(?:in|into|to|as|like)\\b.*|[\\p{L}-]+(?:\\s+[\\p{L}-]+)?\\s+style\\b.*)$");
    // "make it a pencil sketch": an article is enough once the whole image is named.
    private static final Pattern WHOLE_IMAGE_AS = Pattern.compile(
            "(?i)^(?:transform|convert|turn|make|render|redraw|redo|change|reimagine|recreate)\\s+"
                    + "(?:it|this|everything|the\\s+(?:whole\\s+|entire\\s+)?(?:image|photo|picture|pic|scene|shot))"
                    + "\\s+(?:an?|the)\\s+.*$");
    private static final Pattern STYLE_WORDS = Pattern.compile(
            "(?i)\\b(?:style|styled|painting|watercolou?r|sketch|drawing|anime|manga|cartoon|pixel art|comic|"
                    + "claymation|ukiyo-e|impressionis\\w*|cubis\\w*|pop art|art deco|art nouveau|bauhaus|"
                    + "lineart|line art|oil paint\\w*|pastel|charcoal|engraving|mosaic|stained glass|low poly|"
                    + "vaporwave|studio ghibli|pixar|van gogh|monet|picasso)\\b");
    private static final String COMPOSITION_CLAUSE = " while maintaining the original composition";

    boolean isWholeImageStyle(String edit) {
        return (WHOLE_IMAGE_STYLE.matcher(edit).matches() || WHOLE_IMAGE_AS.matcher(edit).matches())
                && STYLE_WORDS.matcher(edit).find();
    }

    String withCompositionKept(String edit) {
        return edit + COMPOSITION_CLAUSE;
    }
}
