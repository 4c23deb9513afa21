package dev.kontextbot.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.StandInPackageWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared stand-in folder is named after what the writer produced, so a changed writer never reuses it. */
class StandInCacheTest {

    @Test
    void theKeyFollowsTheContentNotTheSeed(@TempDir Path temp) throws Exception {
        StandInPackageWriter writer = new StandInPackageWriter();
        writer.write(temp.resolve("a"), 42);
        writer.write(temp.resolve("b"), 42);
        writer.write(temp.resolve("c"), 43);
        String a = StandInCache.contentKey(temp.resolve("a"));

        assertThat(StandInCache.contentKey(temp.resolve("b"))).as("the writer is deterministic").isEqualTo(a);
        assertThat(StandInCache.contentKey(temp.resolve("c"))).isNotEqualTo(a);

        // Same seed, other content (what a changed writer would produce): another key.
        Path tokenizer = temp.resolve("b/tokenizer/tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer) + " ");
        assertThat(StandInCache.contentKey(temp.resolve("b"))).isNotEqualTo(a);
    }

    @Test
    void theSharedFolderHoldsThatContent() throws Exception {
        Path dir = StandInCache.packageFor(42);
        assertThat(dir.getFileName().toString()).isEqualTo("kontextbot-test-standin-" + StandInCache.contentKey(dir));
        assertThat(dir.resolve("STAND-IN.txt")).isRegularFile();
    }
}
