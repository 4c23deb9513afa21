package dev.kontextbot.core.drift;

import dev.kontextbot.core.chat.ConversationViews.DriftPart;
import dev.kontextbot.core.chat.ConversationViews.DriftView;
import dev.kontextbot.inference.drift.Drift;
import dev.kontextbot.inference.drift.FaceDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A stored drift as the parts of a gauge (the playground's tree): each measure against the threshold {@code history}
 * hints at ({@link DriftNotes}), in plain words, with the same hint. A measure the drift record gains (faces) is one
 * more part here; the playground draws every part it gets.
 */
public final class DriftGauges {

    /** Detail figures past this many per cent show as ">999%". */
    static final long MAX_SHOWN_PERCENT = 999;

    private final DriftNotes notes = new DriftNotes();

    /** @return empty for a record this build cannot read (nothing is shown rather than a wrong figure) */
    public Optional<DriftView> of(String stored, String rootLabel) {
        Drift d;
        try {
            d = Drift.decode(stored);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<DriftPart> parts = new ArrayList<>(List.of(colour(d, rootLabel), detail(d, rootLabel)));
        if (d.faces() instanceof FaceDrift.Measured m) {
            parts.add(faces(m, rootLabel));
        }
        return Optional.of(new DriftView(List.copyOf(parts), notes.gauge(stored), notes.hint(stored, rootLabel)));
    }

    /** Only where the operator installed the face models and the root has faces. */
    private static DriftPart faces(FaceDrift.Measured m, String rootLabel) {
        String words = m.vanished() > 0 ? DriftNotes.vanished(m, rootLabel)
                : String.format(Locale.ROOT, "The faces of %s have moved by %.2f (1 - cosine of their embeddings)",
                        rootLabel, m.worst());
        return new DriftPart("faces", "faces", String.format(Locale.ROOT, "%.2f", m.worst()),
                m.worst() / DriftNotes.FACE_THRESHOLD, m.worst() > DriftNotes.FACE_THRESHOLD,
                words + String.format(Locale.ROOT, "; the hint comes past %.2f.", DriftNotes.FACE_THRESHOLD));
    }

    private static DriftPart colour(Drift d, String rootLabel) {
        double shift = d.colourShift();
        return new DriftPart("colour", "colour", String.format(Locale.ROOT, "%.1f", shift),
                shift / DriftNotes.COLOUR_THRESHOLD, shift > DriftNotes.COLOUR_THRESHOLD,
                String.format(Locale.ROOT, "Colours have shifted by %.1f levels (of 255) on average since %s; "
                        + "the hint comes past %.0f.", shift, rootLabel, DriftNotes.COLOUR_THRESHOLD));
    }

    private static DriftPart detail(Drift d, String rootLabel) {
        double loss = d.detailLoss();
        long percent = Math.round(Math.abs(loss) * 100);
        String words = loss > 0
                ? percent + "% of " + rootLabel + "'s fine detail is gone"
                : percent == 0 ? "As much fine detail as " + rootLabel
                : percent + "% more fine detail than " + rootLabel + " (sharper or noisier)";
        // Noise (the stand-in's pictures) can read as thousands of per cent more detail: the gauge caps the figure.
        String signed = (loss > 0 ? "-" : "+") + Math.min(percent, MAX_SHOWN_PERCENT) + "%";
        return new DriftPart("detail", "detail", percent > MAX_SHOWN_PERCENT ? ">" + signed : signed,
                Math.max(0, loss) / DriftNotes.DETAIL_THRESHOLD, loss > DriftNotes.DETAIL_THRESHOLD,
                words + String.format(Locale.ROOT, "; the hint comes past %.0f%% lost.",
                        DriftNotes.DETAIL_THRESHOLD * 100));
    }
}
