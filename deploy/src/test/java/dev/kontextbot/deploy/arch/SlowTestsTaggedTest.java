package dev.kontextbot.deploy.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A test class that starts a Redis server or a browser belongs to {@code ./mvnw verify} (Failsafe), not to the fast
 * {@code ./mvnw test}: it must carry {@code @RedisTest} or {@code @Tag("integration")}. Read from every module's test
 * sources, so a new slow test cannot slip into the fast run unnoticed (one did, and cost it nine seconds).
 */
class SlowTestsTaggedTest {

    private static final Path ROOT = Path.of("..");
    /** What makes a test class slow: its own Redis server, or a real browser. */
    private static final List<String> SLOW_MARKS = List.of("@ExtendWith(RedisServerExtension.class)", "new ChromeDriver(");
    private static final List<String> TAGS = List.of("@RedisTest", "@Tag(\"integration\")");

    @Test
    void everySlowTestClassIsTaggedForVerify() throws IOException {
        List<String> untagged;
        try (Stream<Path> files = Files.walk(ROOT, 14)) {
            untagged = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> !List.of("RedisTest.java", "SlowTestsTaggedTest.java").contains(p.getFileName().toString()))
                    .filter(p -> untaggedSlow(read(p)))
                    .map(p -> ROOT.relativize(p).toString())
                    .sorted()
                    .toList();
        }
        assertThat(untagged).as("slow test classes without @RedisTest or @Tag(\"integration\")").isEmpty();
    }

    @Test
    void theRuleSeesAnUntaggedRedisTestAndATaggedOne() {
        assertThat(untaggedSlow("@ExtendWith(RedisServerExtension.class)\nclass A {}")).isTrue();
        assertThat(untaggedSlow("@Tag(\"integration\")\nclass B { Object d = new ChromeDriver(options); }")).isFalse();
        assertThat(untaggedSlow("@RedisTest\nclass C {}")).isFalse();
        assertThat(untaggedSlow("class D { int fast; }")).isFalse();
    }

    static boolean untaggedSlow(String source) {
        return SLOW_MARKS.stream().anyMatch(source::contains) && TAGS.stream().noneMatch(source::contains);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
