package dev.kontextbot.core.edit;

import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.conversation.state.Version;
import java.util.Locale;
import java.util.Optional;

/**
 * The steps and guidance the installed model family takes: their limits, their defaults, and a plain refusal of a
 * guidance value given to a family that takes none (klein is distilled to sample without it, so a value would be
 * silently meaningless).
 */
public final class FamilySettings {

    private final ModelFamily family;

    public FamilySettings(ModelFamily family) {
        this.family = family;
    }

    public ModelFamily family() {
        return family;
    }

    /** The settings of a conversation that never changed them, with the operator's steps and guidance if set. */
    public ConversationSettings defaults(int steps, double guidance) {
        return ConversationSettings.defaults().withSteps(steps).withGuidance(family.takesGuidance() ? guidance : 0);
    }

    /** Limits of a value a user gives, the same for settings and for one edit; checked before anything is queued. */
    public void checkGiven(Integer steps, Double guidance) {
        if (steps != null && (steps < 1 || steps > 100)) {
            throw new TurnException("invalid_settings", "Steps must be between 1 and 100.");
        }
        if (guidance == null) {
            return;
        }
        if (!family.takesGuidance()) {
            throw new TurnException("invalid_settings", family.displayName() + " takes no guidance: it is distilled "
                    + "to sample without it, so the value would change nothing. Leave guidance out (steps, seed and "
                    + "aspect still apply).");
        }
        if (guidance < 0 || guidance > 20 || Double.isNaN(guidance)) {
            throw new TurnException("invalid_settings", "Guidance must be between 0 and 20.");
        }
    }

    /**
     * The overrides that make {@code of} again with a new seed: its steps and guidance when the installed family made
     * it (a family that takes no guidance carries none), else the conversation's settings, since another family's
     * 28 steps or guidance mean nothing here.
     */
    public EditOverrides again(Version of, long seed) {
        boolean same = of.madeBy(family.id());
        return new EditOverrides(same ? Optional.of(of.steps()) : Optional.empty(),
                same && family.takesGuidance() ? Optional.of(of.guidance()) : Optional.empty(), Optional.of(seed),
                Optional.empty());
    }

    /** The guidance a job carries: the setting for a family that takes one, else 0 (not used). */
    public double guidanceFor(ConversationSettings settings) {
        return family.takesGuidance() ? settings.guidance() : 0;
    }

    /** "Settings: 4 steps, no guidance (FLUX.2 [klein] 4B takes none), seed random, aspect auto." */
    public String describe(ConversationSettings s) {
        String guidance = family.takesGuidance() ? "guidance " + s.guidance()
                : "no guidance (" + family.displayName() + " takes none)";
        return String.format(Locale.ROOT, "Settings: %d steps, %s, seed %s, aspect %s.", s.steps(), guidance,
                s.seed().isPresent() ? Long.toString(s.seed().getAsLong()) : "random", s.aspect());
    }
}
