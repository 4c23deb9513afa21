package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.OnnxGraphBuilder.ints;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.string;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.integer;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the MobileNetV2 that the npm package {@code nsfwjs} ships (a TensorFlow.js Keras layers model: the
 * topology and a weights manifest in {@code model.min.js}, uint8-quantised weights base64-encoded in
 * {@code group1-shard1of1.min.js}) into the Hugging Face image-classification layout: {@code model.onnx} taking
 * {@code pixel_values} [B, 3, 224, 224] (NCHW) and giving {@code logits} [B, 5] (the last Dense layer's softmax
 * left to the caller), {@code config.json} with nsfwjs's labels, and a {@code preprocessor_config.json} the caller
 * chooses. Only the layer kinds this network uses are converted; any other is an error naming it.
 */
public final class NsfwjsLayoutWriter {

    /** nsfwjs's {@code NSFW_CLASSES}, in output order. */
    public static final List<String> LABELS = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");
    /** The model's input side (its Keras InputLayer's batch_input_shape). */
    public static final int SIDE = 224;
    static final String MODEL_DIR = "dist/models/mobilenet_v2";

    private final Path packageDir;
    private final Map<String, float[]> weights = new HashMap<>();
    private final Map<String, String> tensorOf = new HashMap<>();
    private OnnxGraphBuilder graph;
    private int constants;

    /** {@code packageDir}: the nsfwjs package folder (the one with {@code package.json} and {@code dist/}). */
    public NsfwjsLayoutWriter(Path packageDir) {
        this.packageDir = packageDir;
    }

    public static boolean looksLikePackage(Path packageDir) {
        return packageDir != null && Files.isRegularFile(packageDir.resolve(MODEL_DIR).resolve("model.min.js"))
                && Files.isRegularFile(packageDir.resolve(MODEL_DIR).resolve("group1-shard1of1.min.js"));
    }

    /** Writes the layout into {@code dir} with the given preprocessor configuration (JSON text). */
    public void write(Path dir, String preprocessorConfig) throws IOException {
        Files.createDirectories(dir);
        JsonNode model = parseLiteral(Files.readString(packageDir.resolve(MODEL_DIR).resolve("model.min.js")));
        readWeights(model.path("weightsManifest"),
                Files.readString(packageDir.resolve(MODEL_DIR).resolve("group1-shard1of1.min.js")));
        graph = new OnnxGraphBuilder("nsfwjs_mobilenet_v2");
        JsonNode layers = model.path("modelTopology").path("model_config").path("config").path("layers");
        String last = null;
        for (JsonNode layer : layers) {
            last = layer.path("name").asText();
            convert(layer, layer == layers.get(layers.size() - 1));
        }
        graph.output("logits", DataType.FLOAT, "batch_size", (long) LABELS.size());
        graph.write(dir.resolve("model.onnx"), "unused.onnx_data",
                "nsfwjs 4.4.0 mobilenet_v2, converted from TensorFlow.js for KontextBot's tests; last layer " + last);
        StringBuilder id2label = new StringBuilder();
        for (int i = 0; i < LABELS.size(); i++) {
            id2label.append(i == 0 ? "" : ", ").append('"').append(i).append("\": \"").append(LABELS.get(i)).append('"');
        }
        Files.writeString(dir.resolve("config.json"), "{\"id2label\": {" + id2label
                + "}, \"problem_type\": \"single_label_classification\"}\n");
        Files.writeString(dir.resolve("preprocessor_config.json"), preprocessorConfig);
    }

    private void convert(JsonNode layer, boolean outputLayer) {
        String name = layer.path("name").asText();
        JsonNode c = layer.path("config");
        JsonNode inbound = layer.path("inbound_nodes");
        List<String> in = new ArrayList<>();
        if (inbound.size() > 0) {
            for (JsonNode node : inbound.get(0)) {
                in.add(tensorOf.get(node.get(0).asText()));
            }
        }
        String out = outputLayer ? "logits" : name;
        switch (layer.path("class_name").asText()) {
            case "InputLayer" -> {
                graph.input("pixel_values", DataType.FLOAT, "batch_size", 3L, (long) SIDE, (long) SIDE);
                out = "pixel_values";
            }
            case "ZeroPadding2D" -> {
                JsonNode p = c.path("padding"); // [[top, bottom], [left, right]]
                String pads = constant();
                graph.int64s(pads, new long[] {0, 0, p.get(0).get(0).asLong(), p.get(1).get(0).asLong(),
                        0, 0, p.get(0).get(1).asLong(), p.get(1).get(1).asLong()}, 8);
                graph.node("Pad", List.of(in.getFirst(), pads), out);
            }
            case "Conv2D" -> {
                // Keras kernel [kh, kw, in, out] -> ONNX [out, in, kh, kw]
                float[] k = weights.get(name + "/kernel");
                int[] s = shape(name + "/kernel");
                String w = constant();
                graph.weight(w, transpose(k, s[0], s[1], s[2], s[3]), s[3], s[2], s[0], s[1]);
                conv(name, c, in.getFirst(), w, 1, activated(c, out, outputLayer));
            }
            case "DepthwiseConv2D" -> {
                // Keras depthwise kernel [kh, kw, in, mult] -> ONNX [in * mult, 1, kh, kw], group = in
                float[] k = weights.get(name + "/depthwise_kernel");
                int[] s = shape(name + "/depthwise_kernel");
                String w = constant();
                graph.weight(w, transpose(k, s[0], s[1], 1, s[2] * s[3]), (long) s[2] * s[3], 1, s[0], s[1]);
                conv(name, c, in.getFirst(), w, s[2], activated(c, out, outputLayer));
            }
            case "BatchNormalization" -> {
                List<String> inputs = new ArrayList<>(List.of(in.getFirst()));
                for (String part : List.of("gamma", "beta", "moving_mean", "moving_variance")) {
                    String t = constant();
                    float[] v = weights.get(name + "/" + part);
                    graph.weight(t, v, v.length);
                    inputs.add(t);
                }
                graph.node("BatchNormalization", inputs, out, floatAttribute("epsilon", c.path("epsilon").asDouble()));
            }
            case "ReLU" -> {
                if (c.path("max_value").isNull() || c.path("max_value").isMissingNode()) {
                    graph.node("Relu", List.of(in.getFirst()), out);
                } else {
                    String lo = constant();
                    String hi = constant();
                    graph.scalar(lo, 0f).scalar(hi, (float) c.path("max_value").asDouble());
                    graph.node("Clip", List.of(in.getFirst(), lo, hi), out);
                }
            }
            case "Add" -> graph.node("Add", in, out);
            case "AveragePooling2D" -> graph.node("AveragePool", List.of(in.getFirst()), out,
                    ints("kernel_shape", longs(c.path("pool_size"))), ints("strides", longs(c.path("strides"))));
            // After the 7x7 pooling the map is 1x1, so NCHW and NHWC flatten to the same order.
            case "Flatten" -> graph.node("Flatten", List.of(in.getFirst()), out, integer("axis", 1));
            case "Dropout" -> out = in.getFirst(); // inference: the identity
            case "Dense" -> {
                int[] s = shape(name + "/kernel"); // [in, units], as MatMul wants it
                String w = constant();
                String b = constant();
                String product = constant();
                graph.weight(w, weights.get(name + "/kernel"), s[0], s[1]);
                graph.weight(b, weights.get(name + "/bias"), s[1]);
                graph.node("MatMul", List.of(in.getFirst(), w), product);
                graph.node("Add", List.of(product, b), activated(c, out, outputLayer));
            }
            default -> throw new IllegalArgumentException("layer " + name + " is a " + layer.path("class_name").asText()
                    + ", which this converter does not handle");
        }
        tensorOf.put(name, out);
    }

    /** The tensor a layer's linear part writes: its output, or a temporary its activation then reads. */
    private String activated(JsonNode c, String out, boolean outputLayer) {
        String activation = c.path("activation").asText("linear");
        if (activation.equals("linear") || outputLayer && activation.equals("softmax")) {
            return out; // the output layer gives logits: ImageClassifier applies the softmax
        }
        String linear = constant();
        switch (activation) {
            case "relu" -> graph.node("Relu", List.of(linear), out);
            case "softmax" -> graph.node("Softmax", List.of(linear), out, integer("axis", -1));
            default -> throw new IllegalArgumentException("activation " + activation + " is not handled");
        }
        return linear;
    }

    private void conv(String name, JsonNode c, String input, String weight, int group, String out) {
        List<String> inputs = new ArrayList<>(List.of(input, weight));
        if (c.path("use_bias").asBoolean(false)) {
            float[] bias = weights.get(name + "/bias");
            String b = constant();
            graph.weight(b, bias, bias.length);
            inputs.add(b);
        }
        // Keras "same" pads the extra pixel at the bottom/right, as ONNX's SAME_UPPER does.
        AttributeProto pad = c.path("padding").asText().equals("same") ? string("auto_pad", "SAME_UPPER")
                : ints("pads", 0, 0, 0, 0);
        graph.node("Conv", inputs, out, ints("kernel_shape", longs(c.path("kernel_size"))),
                ints("strides", longs(c.path("strides"))), integer("group", group), pad);
    }

    private final Map<String, int[]> shapes = new HashMap<>();

    private int[] shape(String weight) {
        return shapes.get(weight);
    }

    private void readWeights(JsonNode manifest, String shardJs) {
        int start = shardJs.indexOf("exports=\"") + "exports=\"".length();
        byte[] data = Base64.getDecoder().decode(shardJs.substring(start, shardJs.indexOf('"', start)));
        int offset = 0;
        for (JsonNode group : manifest) {
            for (JsonNode w : group.path("weights")) {
                int count = 1;
                int[] s = new int[w.path("shape").size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = w.path("shape").get(i).asInt();
                    count *= s[i];
                }
                float[] values = new float[count];
                JsonNode q = w.path("quantization");
                if (q.isMissingNode()) {
                    java.nio.ByteBuffer.wrap(data, offset, count * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .asFloatBuffer().get(values);
                    offset += count * 4;
                } else if (q.path("dtype").asText().equals("uint8")) {
                    // tfjs dequantisation: value = min + scale * q
                    double min = q.path("min").asDouble();
                    double scale = q.path("scale").asDouble();
                    for (int i = 0; i < count; i++) {
                        values[i] = (float) (min + scale * (data[offset + i] & 0xFF));
                    }
                    offset += count;
                } else {
                    throw new IllegalArgumentException("weight " + w.path("name").asText() + " is quantised as "
                            + q.path("dtype").asText() + ", which this converter does not read");
                }
                weights.put(w.path("name").asText(), values);
                shapes.put(w.path("name").asText(), s);
            }
        }
        if (offset != data.length) {
            throw new IllegalArgumentException("the weight shard holds " + data.length + " bytes, the manifest "
                    + offset);
        }
    }

    /** {@code [a, b, c, d]} (row-major) to {@code [d, c, a, b]}: a Keras kernel to ONNX's layout. */
    private static float[] transpose(float[] k, int a, int b, int c, int d) {
        float[] out = new float[k.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int m = 0; m < c; m++) {
                    for (int n = 0; n < d; n++) {
                        out[((n * c + m) * a + i) * b + j] = k[((i * b + j) * c + m) * d + n];
                    }
                }
            }
        }
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private String constant() {
        return "c" + constants++;
    }

    private static AttributeProto floatAttribute(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    /**
     * The object literal the minified module exports ({@code {modelTopology: ..., weightsManifest: ...}}), read as
     * lenient JSON: unquoted keys, {@code !0}/{@code !1} for true/false, numbers such as {@code .5} and {@code -.5}.
     */
    private static JsonNode parseLiteral(String js) throws IOException {
        int start = js.lastIndexOf('{', js.indexOf("modelTopology"));
        int end = matchingBrace(js, start);
        String literal = js.substring(start, end + 1)
                .replaceAll("(?<=[:,\\[])!0(?=[,}\\]])", "true")
                .replaceAll("(?<=[:,\\[])!1(?=[,}\\]])", "false")
                .replaceAll("(?<=[:,\\[])(-?)\\.(\\d)", "$10.$2");
        JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();
        return mapper.readTree(literal.getBytes(StandardCharsets.UTF_8));
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("the model module's object literal does not end");
    }
}
