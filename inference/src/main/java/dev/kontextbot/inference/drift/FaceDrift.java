package dev.kontextbot.inference.drift;

import java.util.Locale;

/**
 * How far the faces of the root have moved in a version, in the face model's embedding space: a closed set, since
 * "not measured" (no face model installed, or a record older than the face measure) and "the root has no face"
 * must read differently from a figure.
 */
public sealed interface FaceDrift {

    /** The face measure was off when the version was stored. */
    record NotMeasured() implements FaceDrift {
    }

    /** The root has no face the detector finds: nothing to compare. */
    record NoFace() implements FaceDrift {
    }

    /**
     * @param worst    the largest face drift among the root's faces: 1 - cosine similarity of the embeddings of a root
     *                 face and its best match in the version, clamped to [0, 1]; a face that vanished counts 1
     * @param faces    faces found in the root
     * @param vanished root faces with no face at all to match in the version
     */
    record Measured(double worst, int faces, int vanished) implements FaceDrift {
        public Measured {
            if (worst < 0 || worst > 1 || faces < 1 || vanished < 0 || vanished > faces) {
                throw new IllegalArgumentException("not a face drift: " + worst + " over " + faces + " faces, "
                        + vanished + " vanished");
            }
        }
    }

    FaceDrift NOT_MEASURED = new NotMeasured();
    FaceDrift NO_FACE = new NoFace();

    /** Stored text: {@code none} for no face, {@code worst/faces/vanished} for a figure; not measured has none. */
    default String encode() {
        return switch (this) {
            case NotMeasured n -> "";
            case NoFace n -> "none";
            case Measured m -> String.format(Locale.ROOT, "%.4f/%d/%d", m.worst(), m.faces(), m.vanished());
        };
    }

    static FaceDrift decode(String text) {
        if (text.isEmpty()) {
            return NOT_MEASURED;
        }
        if (text.equals("none")) {
            return NO_FACE;
        }
        String[] p = text.split("/");
        if (p.length != 3) {
            throw new IllegalArgumentException("not a stored face drift: " + text);
        }
        return new Measured(Double.parseDouble(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }
}
