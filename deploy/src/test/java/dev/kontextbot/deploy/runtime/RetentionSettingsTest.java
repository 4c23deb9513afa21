package dev.kontextbot.deploy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.deploy.config.ConfigLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void theTotalCapIsOffByDefaultAndTakenInMegabytes() {
        assertThat(RuntimeOptionsFactory.retention(new ConfigLoader(Map.of()).load(Optional.empty())).unlimitedTotal())
                .isTrue();
        var policy = RuntimeOptionsFactory.retention(new ConfigLoader(
                Map.of("CONVERSATION_TOTAL_MB", "3072", "CONVERSATION_QUOTA_MB", "100")).load(Optional.empty()));
        assertThat(policy.totalQuotaBytes()).isEqualTo(3072L * 1024 * 1024);
        assertThat(policy.userQuotaBytes()).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void aNegativeCapIsRefusedInPlainWords() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CONVERSATION_TOTAL_MB", "-5")).load(Optional.empty()))
                .hasMessageContaining("CONVERSATION_TOTAL_MB");
    }
}
