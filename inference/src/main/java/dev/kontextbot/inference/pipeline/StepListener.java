package dev.kontextbot.inference.pipeline;

/** Receives one event per denoising step, on the engine's thread: keep it quick. */
@FunctionalInterface
public interface StepListener {

    void onStep(StepEvent e);

    StepListener NONE = e -> { };
}
