package dev.kontextbot.inference.model;

import dev.kontextbot.inference.InferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of a Kontext model package, in the layout of BFL's ONNX release plus the two tokenizer folders:
 *
 * <pre>
 * clip.opt/model.onnx, t5.opt/model.onnx, transformer.opt/&lt;precision&gt;/model.onnx,
 * vae_encoder.opt/model.onnx, vae.opt/model.onnx, tokenizer/tokenizer.json, tokenizer_2/tokenizer.json
 * </pre>
 *
 * No manifest is needed, so the release drops straight in. A package written by
 * {@link StandInPackageWriter} carries a {@value #STAND_IN_MARKER} file and is reported as a stand-in.
 */
public final class ModelPackage {

    /** The transformer precision folders, best first, when none is asked for. */
    public static final List<String> PRECISION_PREFERENCE = List.of("bf16", "fp8", "fp4", "fp4_svd32", "fp16", "fp32");
    public static final String STAND_IN_MARKER = "STAND-IN.txt";
    static final String MODEL_FILE = "model.onnx";
    static final String CLIP_TOKENIZER = "tokenizer/tokenizer.json";
    static final String T5_TOKENIZER = "tokenizer_2/tokenizer.json";

    private static final Logger log = LoggerFactory.getLogger(ModelPackage.class);
    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final Path dir;
    private final String precision;
    private final boolean standIn;

    private ModelPackage(Path dir, String precision, boolean standIn) {
        this.dir = dir;
        this.precision = precision;
        this.standIn = standIn;
    }

    /**
     * Resolves the package in {@code dir}. The precision is the given one (e.g. from KONTEXT_PRECISION), else
     * the first present of {@link #PRECISION_PREFERENCE}.
     *
     * @throws InferenceException MODEL_PACKAGE naming the first missing file
     */
    public static ModelPackage open(Path dir, Optional<String> precision) throws InferenceException {
        if (!Files.isDirectory(dir)) {
            throw problem("the model package folder " + dir + " does not exist");
        }
        Optional<String> asked = precision.map(String::strip).filter(p -> !p.isEmpty());
        if (asked.isPresent() && !FOLDER_NAME.matcher(asked.get()).matches()) {
            throw problem("the transformer precision '" + asked.get() + "' is not a folder name (expected one of "
                    + String.join(", ", PRECISION_PREFERENCE) + ")");
        }
        requireFile(dir, ModelInterface.CLIP.folder() + "/" + MODEL_FILE);
        requireFile(dir, ModelInterface.T5.folder() + "/" + MODEL_FILE);
        String chosen = asked.isPresent() ? asked.get() : firstPresentPrecision(dir);
        requireFile(dir, transformerFile(chosen));
        requireFile(dir, ModelInterface.VAE_ENCODER.folder() + "/" + MODEL_FILE);
        requireFile(dir, ModelInterface.VAE_DECODER.folder() + "/" + MODEL_FILE);
        requireFile(dir, CLIP_TOKENIZER);
        requireFile(dir, T5_TOKENIZER);
        boolean standIn = Files.isRegularFile(dir.resolve(STAND_IN_MARKER));
        if (standIn) {
            log.warn("Model package {} is a STAND-IN, not FLUX.1 Kontext: small random weights, its pictures are "
                    + "not edits. Install FLUX.1 Kontext [dev] ONNX (see docs/models.md).", dir);
        } else {
            log.info("Model package {} (transformer precision {})", dir, chosen);
        }
        return new ModelPackage(dir, chosen, standIn);
    }

    /** The first precision folder present, or MODEL_PACKAGE naming the repository to download one from. */
    static String presentPrecisionOrThrow(Path dir) throws InferenceException {
        return firstPresentPrecision(dir);
    }

    private static String firstPresentPrecision(Path dir) throws InferenceException {
        for (String p : PRECISION_PREFERENCE) {
            if (Files.isRegularFile(dir.resolve(transformerFile(p)))) {
                return p;
            }
        }
        throw problem("transformer.opt/<precision>/model.onnx is missing in " + dir + " (looked for the precision "
                + "folders " + String.join(", ", PRECISION_PREFERENCE) + "): download one transformer.opt/<precision>/ "
                + "folder from " + ModelInterface.Repos.KONTEXT + " (see docs/models.md)");
    }

    private static String transformerFile(String precision) {
        return ModelInterface.TRANSFORMER.folder() + "/" + precision + "/" + MODEL_FILE;
    }

    private static void requireFile(Path dir, String relative) throws InferenceException {
        if (!Files.isRegularFile(dir.resolve(relative))) {
            throw problem(missing(dir, relative));
        }
    }

    /** The precision folders present under transformer.opt, in preference order. */
    public static List<String> presentPrecisions(Path dir) {
        return PRECISION_PREFERENCE.stream().filter(p -> Files.isRegularFile(dir.resolve(transformerFile(p)))).toList();
    }

    /** "X is missing in DIR: download the folder F/ from REPO", naming the repository each part comes from. */
    static String missing(Path dir, String relative) {
        String top = relative.substring(0, relative.indexOf('/'));
        String where;
        if (top.equals(ModelInterface.VAE_ENCODER.folder()) || top.equals(ModelInterface.VAE_DECODER.folder())) {
            where = "download the folder " + top + "/ from " + ModelInterface.Repos.DEPTH
                    + " (the Kontext repo has no VAE; see docs/models.md)";
        } else if (top.startsWith("tokenizer")) {
            where = "download the folder " + top + "/ from " + ModelInterface.Repos.TOKENIZERS + " (see docs/models.md)";
        } else {
            String folder = relative.substring(0, relative.lastIndexOf('/'));
            where = "download the folder " + folder + "/ from " + ModelInterface.Repos.KONTEXT + " (see docs/models.md)";
        }
        return relative + " is missing in " + dir + ": " + where;
    }

    private static InferenceException problem(String message) {
        return new InferenceException(InferenceException.Code.MODEL_PACKAGE, message);
    }

    public Path dir() {
        return dir;
    }

    /** The transformer precision folder in use, e.g. {@code bf16}. */
    public String precision() {
        return precision;
    }

    /** Whether this is the stand-in package: not Kontext, its pictures are not edits. */
    public boolean isStandIn() {
        return standIn;
    }

    /** The ONNX file of {@code model}. */
    public Path model(ModelInterface model) {
        return dir.resolve(relativePath(model));
    }

    /** The ONNX file of {@code model} relative to the package, e.g. {@code transformer.opt/bf16/model.onnx}. */
    public String relativePath(ModelInterface model) {
        return model == ModelInterface.TRANSFORMER ? transformerFile(precision) : model.folder() + "/" + MODEL_FILE;
    }

    public Path clip() {
        return model(ModelInterface.CLIP);
    }

    public Path t5() {
        return model(ModelInterface.T5);
    }

    public Path transformer() {
        return model(ModelInterface.TRANSFORMER);
    }

    public Path vaeEncoder() {
        return model(ModelInterface.VAE_ENCODER);
    }

    public Path vaeDecoder() {
        return model(ModelInterface.VAE_DECODER);
    }

    public Path clipTokenizer() {
        return dir.resolve(CLIP_TOKENIZER);
    }

    public Path t5Tokenizer() {
        return dir.resolve(T5_TOKENIZER);
    }

    @Override
    public String toString() {
        return (standIn ? "stand-in model package " : "model package ") + dir + " (transformer " + precision + ")";
    }
}
