package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import java.util.Optional;

/**
 * Limits a request is checked against. The public engine uses {@link #DEFAULT}; tests may open an engine with a
 * smaller minimum side so tiny images run fast.
 */
record RequestLimits(int minSide, int maxSide, int maxSteps, double maxGuidance) {

    static final int SIZE_MULTIPLE = 16;
    static final RequestLimits DEFAULT = new RequestLimits(256, 2048, 100, 20.0);

    void check(EditRequest r) throws InferenceException {
        if (r.prompt().isBlank()) {
            throw invalid("The prompt is empty; say what to change.");
        }
        if (r.steps() < 1 || r.steps() > maxSteps) {
            throw invalid("Steps must be between 1 and " + maxSteps + " (got " + r.steps() + ").");
        }
        if (!(r.guidance() >= 0 && r.guidance() <= maxGuidance)) {
            throw invalid("Guidance must be between 0 and " + (int) maxGuidance + " (got " + r.guidance() + ").");
        }
        if (r.width().isPresent() != r.height().isPresent()) {
            throw invalid("Give both width and height, or neither.");
        }
        if (r.references().size() > EditRequest.MAX_REFERENCES) {
            throw invalid("One edit takes at most " + (EditRequest.MAX_REFERENCES + 1) + " pictures (got "
                    + (r.references().size() + 1) + ").");
        }
        if (!r.references().isEmpty() && r.contextImage().isEmpty()) {
            throw invalid("Reference pictures need the picture to edit as well.");
        }
        checkSide("Width", r.width());
        checkSide("Height", r.height());
    }

    private void checkSide(String name, Optional<Integer> side) throws InferenceException {
        if (side.isEmpty()) {
            return;
        }
        int v = side.get();
        if (v % SIZE_MULTIPLE != 0) {
            throw invalid(name + " must be a multiple of 16 (got " + v + ").");
        }
        if (v < minSide || v > maxSide) {
            throw invalid(name + " must be between " + minSide + " and " + maxSide + " pixels (got " + v + ").");
        }
    }

    static InferenceException invalid(String message) {
        return new InferenceException(InferenceException.Code.INVALID_REQUEST, message);
    }
}
