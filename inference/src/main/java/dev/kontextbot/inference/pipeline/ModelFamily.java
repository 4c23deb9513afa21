package dev.kontextbot.inference.pipeline;

import java.util.Locale;
import java.util.Optional;

/**
 * The model families the engine runs: each is one implementation behind the engine's seam, with its own package
 * layout, defaults and licence. A version made by one family is never continued from its latents by another.
 */
public enum ModelFamily {

    /** FLUX.1 Kontext [dev]: CLIP + T5 text encoders, 16-channel VAE at 1/8, guidance-distilled, 28 steps. */
    KONTEXT("kontext", "FLUX.1 Kontext [dev]", 28, Optional.of(2.5), 16, 8,
            new Licence("FLUX.1 [dev] Non-Commercial License", false,
                    "non-commercial use only: a bot that earns money (ads, donations tied to use, a paid service) "
                            + "needs a commercial licence from Black Forest Labs")),

    /** FLUX.2 [klein] 4B: a Qwen3 text encoder, 128-channel VAE latents at 1/16, step-distilled to 4 steps. */
    KLEIN("klein", "FLUX.2 [klein] 4B", 4, Optional.empty(), 128, 16,
            new Licence("Apache-2.0", true, "a public or commercial bot may run it"));

    /**
     * A model's licence as far as running a bot goes.
     *
     * @param name       the licence's name
     * @param commercial whether a commercial or public bot may run the model under it
     * @param meaning    one sentence on what it means for a bot
     */
    public record Licence(String name, boolean commercial, String meaning) {
    }

    private final String id;
    private final String displayName;
    private final int defaultSteps;
    private final Optional<Double> defaultGuidance;
    private final int latentChannels;
    private final int latentFactor;
    private final Licence licence;

    ModelFamily(String id, String displayName, int defaultSteps, Optional<Double> defaultGuidance,
                int latentChannels, int latentFactor, Licence licence) {
        this.id = id;
        this.displayName = displayName;
        this.defaultSteps = defaultSteps;
        this.defaultGuidance = defaultGuidance;
        this.latentChannels = latentChannels;
        this.latentFactor = latentFactor;
        this.licence = licence;
    }

    /** The lower-case id used in settings ({@code KONTEXT_FAMILY}) and in stored versions. */
    public String id() {
        return id;
    }

    /** The model's published name. */
    public String displayName() {
        return displayName;
    }

    /** Sampling steps when a request names none. */
    public int defaultSteps() {
        return defaultSteps;
    }

    /** The distilled guidance when a request names none; empty for a family that takes no guidance. */
    public Optional<Double> defaultGuidance() {
        return defaultGuidance;
    }

    /** Whether a guidance value means anything to this family (klein refuses one plainly). */
    public boolean takesGuidance() {
        return defaultGuidance.isPresent();
    }

    /** Channels of the stored latents ([1,C,H/f,W/f]). */
    public int latentChannels() {
        return latentChannels;
    }

    /** Pixels per latent cell along a side (f). */
    public int latentFactor() {
        return latentFactor;
    }

    public Licence licence() {
        return licence;
    }

    /** The family named {@code id} ("kontext", "klein"), case-insensitive. */
    public static Optional<ModelFamily> byId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (ModelFamily family : values()) {
            if (family.id.equals(wanted)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
