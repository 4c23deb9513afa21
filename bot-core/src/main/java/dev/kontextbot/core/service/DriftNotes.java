package dev.kontextbot.core.service;

import dev.kontextbot.inference.drift.Drift;
import java.util.Locale;
import java.util.Optional;

/** Drift in words: a short gauge for {@code history} and a hint when it passes a threshold. */
public final class DriftNotes {

    /** A mean colour shift past this many levels (of 255) is visible on skin and sky. */
    public static final double COLOUR_THRESHOLD = 8.0;
    /** Past this share of the root's fine detail lost, faces and textures look soft. */
    public static final double DETAIL_THRESHOLD = 0.25;

    /** "drift: colour 3.2, detail -12%" for a stored drift. */
    public String gauge(String stored) {
        Drift d = Drift.decode(stored);
        return String.format(Locale.ROOT, "drift: colour %.1f, detail %s%d%%", d.colourShift(),
                d.detailLoss() > 0 ? "-" : "+", Math.round(Math.abs(d.detailLoss()) * 100));
    }

    /** A plain hint when the drift is past a threshold, naming the root's label. */
    public Optional<String> hint(String stored, String rootLabel) {
        Drift d = Drift.decode(stored);
        boolean colour = d.colourShift() > COLOUR_THRESHOLD;
        boolean detail = d.detailLoss() > DETAIL_THRESHOLD;
        if (!colour && !detail) {
            return Optional.empty();
        }
        String what = colour && detail ? "Colours and fine detail have" : colour ? "Colours have" : "Fine detail has";
        // A colour map cannot bring detail back: only running the edits again from the root can.
        String replay = "'replay from the start' to redo the edits from " + rootLabel + " as one";
        String fix = !detail ? "say 're-anchor' to bring the colours back."
                : colour ? "say 're-anchor' to bring the colours back, or " + replay + "."
                : "say " + replay + ".";
        return Optional.of(what + " drifted since " + rootLabel + ": " + fix);
    }
}
