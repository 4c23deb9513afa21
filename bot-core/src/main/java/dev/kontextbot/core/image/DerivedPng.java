package dev.kontextbot.core.image;

import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.image.PngText;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * A PNG the bot makes from pictures it made (a re-anchored version, a grid of variations, a thumbnail): it carries
 * the provenance text chunks of its source (the AI-generated marker, the IPTC source type, the software, the recipe)
 * and a {@code Comment} saying how it was derived, so no picture the bot writes loses its provenance. A source
 * without chunks (a user's own upload) passes none on: only what was made by the model is marked as such.
 */
public final class DerivedPng {

    /** The chunk keyword saying how a derived picture was made. */
    public static final String COMMENT = "Comment";
    private static final String RECIPE = "parameters";

    private final PngCodec png;

    public DerivedPng(PngCodec png) {
        this.png = png;
    }

    /**
     * {@code image} as a PNG with the chunks of {@code source} and {@code how} as its comment.
     *
     * @param keepRecipe whether the source's recipe describes this picture too (a thumbnail, a re-anchor of it);
     *                   false for a picture of several sources (a grid), whose recipes differ
     */
    public byte[] encode(BufferedImage image, byte[] source, String how, boolean keepRecipe) {
        List<PngText> chunks = new ArrayList<>();
        for (PngText t : textOf(source)) {
            if (!t.keyword().equals(COMMENT) && (keepRecipe || !t.keyword().equals(RECIPE))) {
                chunks.add(t);
            }
        }
        if (!chunks.isEmpty()) {
            chunks.add(new PngText(COMMENT, how));
        }
        return png.encodePng(image, chunks);
    }

    /** The tEXt and iTXt chunks of a PNG, read by the JDK's PNG reader; none for bytes it cannot read. */
    public static List<PngText> textOf(byte[] pngBytes) {
        List<PngText> text = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(pngBytes))) {
            var readers = ImageIO.getImageReadersByFormatName("png");
            if (in == null || !readers.hasNext()) {
                return text;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                IIOMetadata metadata = reader.getImageMetadata(0);
                Node root = metadata.getAsTree("javax_imageio_png_1.0");
                for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                    for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        var a = e.getAttributes();
                        switch (e.getNodeName()) {
                            case "tEXtEntry" -> text.add(new PngText(a.getNamedItem("keyword").getNodeValue(),
                                    a.getNamedItem("value").getNodeValue()));
                            case "iTXtEntry" -> text.add(new PngText(a.getNamedItem("keyword").getNodeValue(),
                                    a.getNamedItem("text").getNodeValue()));
                            default -> { }
                        }
                    }
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return text;
    }
}
