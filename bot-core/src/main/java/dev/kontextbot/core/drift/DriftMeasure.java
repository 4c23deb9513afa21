package dev.kontextbot.core.drift;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.drift.Drift;
import dev.kontextbot.inference.drift.DriftMeter;
import dev.kontextbot.inference.drift.FaceDrift;
import dev.kontextbot.inference.face.FaceMeter;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A version's whole drift against its root: colour and detail always, and the faces when the operator installed
 * the face models. A face measure that fails leaves the colour and detail figures standing (recorded as not
 * measured for faces), so a broken face model never costs a version its drift.
 */
public final class DriftMeasure {

    private static final Logger log = LoggerFactory.getLogger(DriftMeasure.class);

    private final DriftMeter pixels;
    private final Optional<FaceMeter> faces;

    public DriftMeasure(DriftMeter pixels, Optional<FaceMeter> faces) {
        this.pixels = pixels;
        this.faces = faces;
    }

    public Drift measure(BufferedImage root, BufferedImage version) {
        Drift drift = pixels.measure(root, version);
        if (faces.isEmpty()) {
            return drift;
        }
        try {
            return drift.withFaces(faces.get().measure(root, version));
        } catch (InferenceException | RuntimeException e) {
            log.warn("Could not measure the faces: {}", e.getMessage());
            return drift.withFaces(FaceDrift.NOT_MEASURED);
        }
    }
}
