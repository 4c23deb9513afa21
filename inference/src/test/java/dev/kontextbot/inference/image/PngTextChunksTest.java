package dev.kontextbot.inference.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/** The text chunks, read back with the JDK's own PNG reader (an independent parser). */
class PngTextChunksTest {

    /** keyword -> text of every tEXt and iTXt chunk, as javax_imageio_png_1.0 metadata shows them. */
    static Map<String, String> textChunks(byte[] png) throws Exception {
        Map<String, String> text = new LinkedHashMap<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                    var attributes = e.getAttributes();
                    switch (e.getNodeName()) {
                        case "tEXtEntry" -> text.put(attributes.getNamedItem("keyword").getNodeValue(),
                                attributes.getNamedItem("value").getNodeValue());
                        case "iTXtEntry" -> text.put(attributes.getNamedItem("keyword").getNodeValue(),
                                attributes.getNamedItem("text").getNodeValue());
                        default -> { }
                    }
                }
            }
            reader.dispose();
        }
        return text;
    }

    @Test
    void provenanceIsReadableAndThePictureUnchanged() throws Exception {
        BufferedImage image = TestImages.quadrants(48, 32);
        Provenance recipe = new Provenance("make the sky purple", 4242, 28, 2.5, 48, 32, "FLUX.1 Kontext [dev]",
                "bf16", "KontextBot 0.1.0");
        byte[] png = new PngCodec().encodePng(image, recipe.chunks());

        Map<String, String> text = textChunks(png);
        assertThat(text.get("parameters")).startsWith("make the sky purple\n")
                .contains("Seed: 4242", "Steps: 28", "Guidance: 2.5", "Size: 48x32", "Model: FLUX.1 Kontext [dev]",
                        "Precision: bf16");
        assertThat(text).containsEntry("Software", "KontextBot 0.1.0").containsEntry("AI-Generated", "true")
                .containsEntry("DigitalSourceType", Provenance.IPTC_TRAINED_ALGORITHMIC_MEDIA);
        BufferedImage back = new ImageDecoder().decode(png);
        assertThat(RgbImages.pixels(RgbImages.toRgb(back))).isEqualTo(RgbImages.pixels(RgbImages.toRgb(image)));
    }

    @Test
    void nonLatinInstructionsGoIntoUtf8Itxt() throws Exception {
        byte[] png = new PngCodec().encodePng(TestImages.quadrants(8, 8),
                java.util.List.of(new PngText("parameters", "сделай небо фиолетовым 🌌")));
        assertThat(textChunks(png)).containsEntry("parameters", "сделай небо фиолетовым 🌌");
        assertThat(new String(png, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("iTXtparameters");
    }

    @Test
    void keywordsFollowThePngRules() {
        assertThatThrownBy(() -> new PngText("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PngText("a".repeat(80), "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
