package dev.kontextbot.deploy.safety;

import dev.kontextbot.conversation.review.RelaxedChats;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.review.ReviewLimits;
import dev.kontextbot.conversation.review.ReviewList;
import dev.kontextbot.core.agent.ChatModels;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.core.rules.RuleBasedChatModel;
import dev.kontextbot.core.safety.ClassifierScreen;
import dev.kontextbot.core.safety.LlmModerator;
import dev.kontextbot.core.safety.PictureScreen;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.safety.TermLists;
import dev.kontextbot.core.safety.TextScreen;
import dev.kontextbot.core.safety.Texts;
import dev.kontextbot.deploy.app.StartupException;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.safety.ImageClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import redis.clients.jedis.UnifiedJedis;

/** Builds the screening the configuration asks for, and owns the classifier's native session. */
public final class SafetyWiring implements AutoCloseable {

    private final Screening screening;
    private final Optional<ImageClassifier> classifier;

    private SafetyWiring(Screening screening, Optional<ImageClassifier> classifier) {
        this.screening = screening;
        this.classifier = classifier;
    }

    /** @throws StartupException when the classifier or the term lists cannot be loaded */
    public static SafetyWiring open(SafetyConfig config, LlmOptions llm, UnifiedJedis jedis, Clock clock,
                                    MeterRegistry registry, RetentionPolicy quota, PngCodec png) {
        // The review list's pictures count toward the same per-user quota as the conversations'.
        ReviewList reviews = new ReviewList(jedis, clock, config.options().reviewRetention(), ReviewLimits.defaults(),
                quota);
        RelaxedChats places = new RelaxedChats(jedis);
        if (!config.on()) {
            return new SafetyWiring(Screening.off(reviews, places, png::encodePng, registry), Optional.empty());
        }
        Optional<ImageClassifier> classifier = Optional.empty();
        PictureScreen pictures = PictureScreen.none();
        if (config.modelDir().isPresent()) {
            try {
                classifier = Optional.of(ImageClassifier.open(config.modelDir().get()));
                pictures = new ClassifierScreen(classifier.get(), config.labels(), config.threshold());
            } catch (InferenceException | IllegalArgumentException e) {
                classifier.ifPresent(ImageClassifier::close);
                throw new StartupException("The safety classifier could not be loaded: " + e.getMessage());
            }
        }
        List<TextScreen> texts = new ArrayList<>();
        texts.add(termLists(config.termsDir()));
        if (config.llmModerator() && llm.provider() != LlmOptions.Provider.NONE) {
            texts.add(new LlmModerator(ChatModels.create(llm, new RuleBasedChatModel()), config.llmTimeout(),
                    config.failClosed()));
        }
        return new SafetyWiring(new Screening(pictures, new Texts(texts), reviews, places, config.options(),
                png::encodePng, registry), classifier);
    }

    /** The operator's folder (an empty one gets the built-in lists to edit), or the built-in lists. */
    public static TermLists termLists(Optional<Path> dir) {
        if (dir.isEmpty()) {
            return TermLists.builtIn();
        }
        try {
            boolean empty;
            try (Stream<Path> files = Files.exists(dir.get()) ? Files.list(dir.get()) : Stream.empty()) {
                empty = files.noneMatch(f -> f.getFileName().toString().endsWith(".txt"));
            }
            if (empty) {
                TermLists.writeBuiltIn(dir.get());
            }
            return TermLists.fromFolder(dir.get());
        } catch (IOException e) {
            throw new StartupException("The term lists in " + dir.get() + " could not be read: " + e.getMessage());
        }
    }

    public Screening screening() {
        return screening;
    }

    public boolean classifierInstalled() {
        return classifier.isPresent();
    }

    @Override
    public void close() {
        classifier.ifPresent(ImageClassifier::close);
    }
}
