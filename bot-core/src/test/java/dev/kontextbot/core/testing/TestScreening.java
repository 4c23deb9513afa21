package dev.kontextbot.core.testing;

import dev.kontextbot.conversation.review.RelaxedChats;
import dev.kontextbot.conversation.review.ReviewList;
import dev.kontextbot.core.safety.ClassifierScreen;
import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.safety.TermLists;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.model.StandInClassifierWriter;
import dev.kontextbot.inference.safety.ImageClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Real screening for tests: the stand-in safety classifier (Hugging Face layout, ONNX Runtime; very red pictures are
 * "nsfw") blocking {@code labels} at 0.85, the built-in term lists, and the review list on the given Redis. Blocking
 * "normal" flags every result of the stand-in editing model, whose pictures are never very red.
 */
public final class TestScreening implements AutoCloseable {

    private final ImageClassifier classifier;
    private final Screening screening;

    private TestScreening(ImageClassifier classifier, Screening screening) {
        this.classifier = classifier;
        this.screening = screening;
    }

    public static TestScreening standIn(UnifiedJedis redis, Path workDir, Set<String> labels, SafetyOptions options,
                                        MeterRegistry registry) {
        return standIn(redis, workDir, labels, options, registry, Clock.systemUTC());
    }

    /** With the review list on {@code clock}, so a test can move past its retention. */
    public static TestScreening standIn(UnifiedJedis redis, Path workDir, Set<String> labels, SafetyOptions options,
                                        MeterRegistry registry, Clock clock) {
        try {
            Path dir = workDir.resolve("safety-classifier");
            new StandInClassifierWriter().write(dir);
            ImageClassifier classifier = ImageClassifier.open(dir);
            return new TestScreening(classifier, new Screening(new ClassifierScreen(classifier, labels, 0.85),
                    TermLists.builtIn(), new ReviewList(redis, clock, Duration.ofDays(1)),
                    new RelaxedChats(redis), options, new PngCodec()::encodePng, registry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InferenceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Screening screening() {
        return screening;
    }

    @Override
    public void close() {
        classifier.close();
    }
}
