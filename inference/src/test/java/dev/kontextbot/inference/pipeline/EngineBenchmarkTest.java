package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBenchmarkTest {

    @Test
    void reportsPhasesAndTheContractLastLine(@TempDir Path cache) throws Exception {
        try (KontextEngine engine = KontextEngine.open(EngineOptions.cpu(StandInPackage.dir(), cache))) {
            BenchReport r = new EngineBenchmark(engine).run(256, 2);
            assertThat(r.size()).isEqualTo(256);
            assertThat(r.engine().steps()).isEqualTo(2);
            // The timed run uses another prompt than the warm-up, so its text encoders really ran.
            assertThat(r.engine().textCacheHit()).isFalse();
            assertThat(r.model()).isPositive().isLessThanOrEqualTo(r.wall());
            assertThat(r.overhead()).isEqualTo(r.wall().minus(r.model()));
            assertThat(r.peakHeapBytes()).isPositive();
            // The follow-up starts from the first result's latents: the VAE encoder does not run.
            assertThat(r.followUp().vaeEncoderRuns()).isZero();
            assertThat(r.followUp().engine().vaeEncode()).isLessThan(r.engine().vaeEncode());
            assertThat(r.followUpSaving()).isEqualTo(r.wall().minus(r.followUp().wall()));
            assertThat(r.summaryLine()).matches("overhead_ms=\\d+ model_ms=\\d+ total_ms=\\d+")
                    .endsWith("total_ms=" + r.wall().toMillis());
        }
    }
}
