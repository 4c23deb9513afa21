package dev.kontextbot.inference.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ResampleFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an image classifier in the Hugging Face image-classification layout says about itself: its labels
 * ({@code config.json} {@code id2label}, in id order, lower-cased), whether they are independent (multi-label:
 * sigmoid) or exclusive (softmax), and its preprocessing ({@code preprocessor_config.json}), read with the defaults
 * transformers' ViT image processor falls back to when a key is absent.
 *
 * @param labels     label per output index
 * @param multiLabel {@code problem_type} is {@code multi_label_classification}
 * @param resize     how the picture is resized ({@code size}); empty when {@code do_resize} is false
 * @param filter     Pillow's filter for {@code resample} (bilinear when absent)
 * @param crop       the centre crop ({@code crop_size}) when {@code do_center_crop}; empty otherwise
 * @param rescale    factor applied to 0-255 samples when {@code do_rescale} (1/255 by default), else 1
 * @param mean       per-channel mean (RGB) when {@code do_normalize}, else zeros
 * @param std        per-channel standard deviation (RGB) when {@code do_normalize}, else ones
 */
public record ClassifierConfig(List<String> labels, boolean multiLabel, Optional<Resize> resize,
                               ResampleFilter filter, Optional<Crop> crop, double rescale, double[] mean,
                               double[] std) {

    static final String CONFIG = "config.json";
    static final String PREPROCESSOR = "preprocessor_config.json";
    /** transformers' IMAGENET_STANDARD_MEAN / _STD, the ViT image processor's defaults. */
    private static final double[] STANDARD_MEAN = {0.5, 0.5, 0.5};
    private static final double[] STANDARD_STD = {0.5, 0.5, 0.5};
    private static final int MAX_SIDE = 4096;

    /** How {@code size} resizes a picture. */
    public sealed interface Resize permits Stretch, ShortestEdge {

        /** The resized {width, height} of a {@code width x height} picture. */
        int[] target(int width, int height);

        /** The smallest width and height any picture is resized to (for checking that the crop fits). */
        int[] smallest();
    }

    /** {@code size: {height, width}} (or a bare number): stretched to exactly that, aspect ratio not kept. */
    public record Stretch(int width, int height) implements Resize {
        @Override
        public int[] target(int w, int h) {
            return new int[] {width, height};
        }

        @Override
        public int[] smallest() {
            return new int[] {width, height};
        }
    }

    /**
     * {@code size: {shortest_edge: s}}: the short side becomes {@code s}, the long side {@code int(s * long / short)},
     * as transformers' {@code get_resize_output_image_size} computes it (truncated, not rounded).
     */
    public record ShortestEdge(int edge) implements Resize {
        @Override
        public int[] target(int w, int h) {
            if (w <= h) {
                return new int[] {edge, (int) ((double) ((long) edge * h) / w)};
            }
            return new int[] {(int) ((double) ((long) edge * w) / h), edge};
        }

        @Override
        public int[] smallest() {
            return new int[] {edge, edge};
        }
    }

    /** {@code crop_size}: a {@code width x height} window cut at ((w - width) // 2, (h - height) // 2). */
    public record Crop(int width, int height) {
    }

    public static ClassifierConfig read(Path dir) throws InferenceException {
        ObjectMapper json = new ObjectMapper();
        Path configFile = dir.resolve(CONFIG);
        Path preFile = dir.resolve(PREPROCESSOR);
        JsonNode config = readJson(json, configFile);
        JsonNode pre = readJson(json, preFile);
        List<String> labels = labels(config.path("id2label"), configFile);
        if (pre.hasNonNull("crop_pct")) {
            // ConvNeXt's processor resizes to shortest_edge / crop_pct and crops; followed wrongly it would
            // classify a different picture, so it is refused rather than approximated.
            throw invalid(preFile + " has crop_pct (ConvNeXt's preprocessing), which is not supported");
        }
        Optional<Resize> resize = pre.path("do_resize").asBoolean(true)
                ? Optional.of(resize(pre.path("size"), preFile)) : Optional.empty();
        Optional<Crop> crop = crop(pre, preFile);
        if (resize.isPresent() && crop.isPresent()) {
            int[] least = resize.get().smallest();
            if (crop.get().width() > least[0] || crop.get().height() > least[1]) {
                throw invalid(preFile + ": crop_size " + crop.get().width() + "x" + crop.get().height()
                        + " is larger than the resized picture can be (" + least[0] + "x" + least[1] + ")");
            }
        }
        ResampleFilter filter;
        try {
            filter = ResampleFilter.ofPilCode(pre.path("resample").asInt(ResampleFilter.BILINEAR.pilCode()));
        } catch (IllegalArgumentException e) {
            throw invalid(preFile + ": " + e.getMessage());
        }
        boolean rescale = pre.path("do_rescale").asBoolean(true);
        boolean normalize = pre.path("do_normalize").asBoolean(true);
        return new ClassifierConfig(labels,
                "multi_label_classification".equals(config.path("problem_type").asText()),
                resize, filter, crop,
                rescale ? pre.path("rescale_factor").asDouble(1 / 255.0) : 1.0,
                normalize ? triple(pre.path("image_mean"), STANDARD_MEAN) : new double[3],
                normalize ? triple(pre.path("image_std"), STANDARD_STD) : new double[] {1, 1, 1});
    }

    private static List<String> labels(JsonNode id2label, Path file) throws InferenceException {
        if (!id2label.isObject() || id2label.isEmpty()) {
            throw invalid(file + " has no id2label: it is not an image classifier's configuration");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < id2label.size(); i++) {
            JsonNode label = id2label.get(Integer.toString(i));
            if (label == null || !label.isTextual()) {
                throw invalid(file + ": id2label has no label for id " + i);
            }
            labels.add(label.asText().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(labels);
    }

    private static Resize resize(JsonNode size, Path file) throws InferenceException {
        Resize resize;
        if (size.isInt()) {
            resize = new Stretch(size.asInt(), size.asInt());
        } else if (size.has("longest_edge")) {
            throw invalid(file + ": size with longest_edge is not supported (use height and width, or"
                    + " shortest_edge alone)");
        } else if (size.has("height") && size.has("width")) {
            resize = new Stretch(size.get("width").asInt(), size.get("height").asInt());
        } else if (size.has("shortest_edge")) {
            resize = new ShortestEdge(size.get("shortest_edge").asInt());
        } else {
            throw invalid(file + " has no size (height and width, or shortest_edge)");
        }
        int[] least = resize.smallest();
        checkSide(least[0], least[1], "size", file);
        return resize;
    }

    /** transformers crops when {@code do_center_crop} says so; without the key, when a {@code crop_size} is given. */
    private static Optional<Crop> crop(JsonNode pre, Path file) throws InferenceException {
        JsonNode cropSize = pre.path("crop_size");
        if (!pre.path("do_center_crop").asBoolean(!cropSize.isMissingNode() && !cropSize.isNull())) {
            return Optional.empty();
        }
        Crop crop;
        if (cropSize.isInt()) {
            crop = new Crop(cropSize.asInt(), cropSize.asInt());
        } else if (cropSize.has("height") && cropSize.has("width")) {
            crop = new Crop(cropSize.get("width").asInt(), cropSize.get("height").asInt());
        } else {
            throw invalid(file + ": do_center_crop is set but crop_size has no height and width");
        }
        checkSide(crop.width(), crop.height(), "crop_size", file);
        return Optional.of(crop);
    }

    private static void checkSide(int width, int height, String key, Path file) throws InferenceException {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw invalid(file + ": " + key + " " + width + "x" + height + " is out of range");
        }
    }

    private static double[] triple(JsonNode node, double[] fallback) {
        if (node.isNumber()) {
            return new double[] {node.asDouble(), node.asDouble(), node.asDouble()};
        }
        if (!node.isArray() || node.size() != 3) {
            return fallback.clone();
        }
        return new double[] {node.get(0).asDouble(), node.get(1).asDouble(), node.get(2).asDouble()};
    }

    private static JsonNode readJson(ObjectMapper json, Path file) throws InferenceException {
        if (!Files.isRegularFile(file)) {
            throw invalid(file + " is missing");
        }
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw invalid(file + " is not valid JSON");
        }
    }

    private static InferenceException invalid(String message) {
        return new InferenceException(InferenceException.Code.MODEL_PACKAGE, "Safety classifier: " + message + ".");
    }
}
