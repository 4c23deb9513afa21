package dev.kontextbot.inference.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.inference.InferenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an image classifier in the Hugging Face image-classification layout says about itself: its labels
 * ({@code config.json} {@code id2label}, in id order, lower-cased), whether they are independent (multi-label:
 * sigmoid) or exclusive (softmax), and its preprocessing ({@code preprocessor_config.json}).
 *
 * @param labels      label per output index
 * @param multiLabel  {@code problem_type} is {@code multi_label_classification}
 * @param width       input width after resizing ({@code size.width}, or {@code size.shortest_edge})
 * @param height      input height after resizing
 * @param resample    PIL resample code: 0 nearest, 1 Lanczos, 2 bilinear, 3 bicubic
 * @param rescale     factor applied to 0-255 samples when {@code do_rescale} (1/255 by default), else 1
 * @param mean        per-channel mean (RGB) when {@code do_normalize}, else zeros
 * @param std         per-channel standard deviation (RGB) when {@code do_normalize}, else ones
 */
public record ClassifierConfig(List<String> labels, boolean multiLabel, int width, int height, int resample,
                               double rescale, double[] mean, double[] std) {

    static final String CONFIG = "config.json";
    static final String PREPROCESSOR = "preprocessor_config.json";
    /** The ImageNet statistics transformers' image processors fall back to. */
    private static final double[] IMAGENET_MEAN = {0.5, 0.5, 0.5};
    private static final double[] IMAGENET_STD = {0.5, 0.5, 0.5};

    public static ClassifierConfig read(Path dir) throws InferenceException {
        ObjectMapper json = new ObjectMapper();
        JsonNode config = readJson(json, dir.resolve(CONFIG));
        JsonNode pre = readJson(json, dir.resolve(PREPROCESSOR));
        JsonNode id2label = config.path("id2label");
        if (!id2label.isObject() || id2label.isEmpty()) {
            throw invalid(dir.resolve(CONFIG) + " has no id2label: it is not an image classifier's configuration");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < id2label.size(); i++) {
            JsonNode label = id2label.get(Integer.toString(i));
            if (label == null || !label.isTextual()) {
                throw invalid(dir.resolve(CONFIG) + ": id2label has no label for id " + i);
            }
            labels.add(label.asText().toLowerCase(Locale.ROOT));
        }
        JsonNode size = pre.path("size");
        int width;
        int height;
        if (size.isInt()) {
            width = size.asInt();
            height = width;
        } else if (size.has("height") && size.has("width")) {
            width = size.get("width").asInt();
            height = size.get("height").asInt();
        } else if (size.has("shortest_edge")) {
            // A square input of the shortest edge: the layout's crop_size, when present, is the same size here.
            width = pre.path("crop_size").path("width").asInt(size.get("shortest_edge").asInt());
            height = pre.path("crop_size").path("height").asInt(size.get("shortest_edge").asInt());
        } else {
            throw invalid(dir.resolve(PREPROCESSOR) + " has no size (height and width, or shortest_edge)");
        }
        if (width < 1 || height < 1 || width > 4096 || height > 4096) {
            throw invalid(dir.resolve(PREPROCESSOR) + ": size " + width + "x" + height + " is out of range");
        }
        boolean rescale = pre.path("do_rescale").asBoolean(true);
        boolean normalize = pre.path("do_normalize").asBoolean(true);
        return new ClassifierConfig(List.copyOf(labels),
                "multi_label_classification".equals(config.path("problem_type").asText()),
                width, height, pre.path("resample").asInt(2),
                rescale ? pre.path("rescale_factor").asDouble(1 / 255.0) : 1.0,
                normalize ? triple(pre.path("image_mean"), IMAGENET_MEAN) : new double[3],
                normalize ? triple(pre.path("image_std"), IMAGENET_STD) : new double[] {1, 1, 1});
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
