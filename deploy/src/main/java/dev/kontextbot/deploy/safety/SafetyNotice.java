package dev.kontextbot.deploy.safety;

/** What the operator is told when the bot is public and screens no pictures. */
public final class SafetyNotice {

    public static final String NO_CLASSIFIER = "No safety classifier is installed, but Telegram or Discord is on."
            + " FLUX.1 Kontext [dev]'s license (FLUX.1 [dev] Non-Commercial License) asks that filters or manual"
            + " review be used with the model. Install an image classifier in the Hugging Face layout"
            + " (for example Falconsai/nsfw_image_detection exported with Optimum: `optimum-cli export onnx"
            + " --model Falconsai/nsfw_image_detection DIR`) and set SAFETY_MODEL_DIR=DIR; see docs/safety.md."
            + " To run without screening on purpose, set SAFETY_MODE=off.";

    private SafetyNotice() {
    }
}
