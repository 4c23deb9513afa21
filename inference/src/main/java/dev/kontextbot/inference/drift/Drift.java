package dev.kontextbot.inference.drift;

import java.util.Locale;
import java.util.Objects;

/**
 * How far a version has drifted from the root picture in the pixels compared.
 *
 * @param red        mean shift of the red channel, in levels of 255 (positive: redder than the root)
 * @param green      mean shift of the green channel
 * @param blue       mean shift of the blue channel
 * @param detailLoss share of the root's fine detail (Laplacian energy of the luma) that is gone: 0 none, 1 all;
 *                   negative when the version has more high-frequency content (sharpened or noisier)
 * @param faces      how far the root's faces moved, when the operator installed the face models
 */
public record Drift(double red, double green, double blue, double detailLoss, FaceDrift faces) {

    /** No drift: the root against itself. */
    public static final Drift NONE = new Drift(0, 0, 0, 0);

    public Drift {
        Objects.requireNonNull(faces, "faces");
    }

    /** Colour and detail only (the face measure off). */
    public Drift(double red, double green, double blue, double detailLoss) {
        this(red, green, blue, detailLoss, FaceDrift.NOT_MEASURED);
    }

    /** The same colour and detail figures with the face figure added. */
    public Drift withFaces(FaceDrift measured) {
        return new Drift(red, green, blue, detailLoss, measured);
    }

    /** The length of the mean colour shift, in levels of 255. */
    public double colourShift() {
        return Math.sqrt(red * red + green * green + blue * blue);
    }

    /**
     * Compact form for storage: {@code r,g,b,detail} and, when faces were measured, {@code ,faces}. Records written
     * before the face measure have four fields and still read (as not measured).
     */
    public String encode() {
        String colourAndDetail = String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.4f", red, green, blue, detailLoss);
        String face = faces.encode();
        return face.isEmpty() ? colourAndDetail : colourAndDetail + "," + face;
    }

    public static Drift decode(String text) {
        String[] p = text.split(",");
        if (p.length != 4 && p.length != 5) {
            throw new IllegalArgumentException("not a stored drift: " + text);
        }
        return new Drift(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Double.parseDouble(p[3]), p.length == 5 ? FaceDrift.decode(p[4]) : FaceDrift.NOT_MEASURED);
    }
}
