package dev.kontextbot.core.drift;

import dev.kontextbot.inference.drift.Drift;
import dev.kontextbot.inference.drift.FaceDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Drift in words: a short gauge for {@code history} and a hint when it passes a threshold. */
public final class DriftNotes {

    /** A mean colour shift past this many levels (of 255) is visible on skin and sky. */
    public static final double COLOUR_THRESHOLD = 8.0;
    /** Past this share of the root's fine detail lost, faces and textures look soft. */
    public static final double DETAIL_THRESHOLD = 0.25;
    /**
     * Face drift (1 - cosine of SFace embeddings) past which the face has visibly changed. SFace's published
     * same-person line is cosine 0.363, a drift of 0.637: past that the model calls it another person. The hint
     * comes at under half of that, while the face is still the same person but clearly altered (an estimate; no
     * real faces could be measured here, see docs/precise-edits.md).
     */
    public static final double FACE_THRESHOLD = 0.30;

    /** "drift: colour 3.2, detail -12%", with ", faces 0.12" or ", no face" when the face measure ran. */
    public String gauge(String stored) {
        Drift d = Drift.decode(stored);
        String colourAndDetail = String.format(Locale.ROOT, "drift: colour %.1f, detail %s%d%%", d.colourShift(),
                d.detailLoss() > 0 ? "-" : "+", Math.round(Math.abs(d.detailLoss()) * 100));
        return colourAndDetail + switch (d.faces()) {
            case FaceDrift.NotMeasured n -> "";
            case FaceDrift.NoFace n -> ", no face";
            case FaceDrift.Measured m -> String.format(Locale.ROOT, ", faces %.2f", m.worst());
        };
    }

    /** Plain hints when the drift is past a threshold, naming the root's label; one line each for colour and face. */
    public Optional<String> hint(String stored, String rootLabel) {
        Drift d = Drift.decode(stored);
        List<String> lines = new ArrayList<>();
        boolean colour = d.colourShift() > COLOUR_THRESHOLD;
        boolean detail = d.detailLoss() > DETAIL_THRESHOLD;
        if (colour || detail) {
            String what = colour && detail ? "Colours and fine detail have" : colour ? "Colours have" : "Fine detail has";
            // A colour map cannot bring detail back: only running the edits again from the root can.
            String replay = "'replay from the start' to redo the edits from " + rootLabel + " as one";
            String fix = !detail ? "say 're-anchor' to bring the colours back."
                    : colour ? "say 're-anchor' to bring the colours back, or " + replay + "."
                    : "say " + replay + ".";
            lines.add(what + " drifted since " + rootLabel + ": " + fix);
        }
        if (d.faces() instanceof FaceDrift.Measured m && m.worst() > FACE_THRESHOLD) {
            String what = m.vanished() > 0 ? vanished(m, rootLabel)
                    : String.format(Locale.ROOT, "The face has changed since %s (faces %.2f)", rootLabel, m.worst());
            lines.add(what + ": say 'back to " + rootLabel + "' to return to it, or 'undo' to drop the last edit.");
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }

    /** "A face from v1 can no longer be found" (or "2 faces ..."), for the hint and the playground's gauge. */
    static String vanished(FaceDrift.Measured m, String rootLabel) {
        return (m.vanished() == 1 ? "A face" : m.vanished() + " faces") + " from " + rootLabel
                + " can no longer be found";
    }
}
