package dev.kontextbot.adapters.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebOptionsTest {

    @Test
    void defaultsToLoopbackOnPort8080() {
        WebOptions options = WebOptions.defaults();
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.loopback()).isTrue();
        assertThat(new WebOptions(" ", Optional.empty(), 10).bind()).isEqualTo(WebOptions.DEFAULT_BIND);
    }

    @Test
    void readsIpv6AndWildcardBinds() {
        assertThat(new WebOptions("[::1]:9000", Optional.empty(), 10).host()).isEqualTo("::1");
        assertThat(new WebOptions("[::1]:9000", Optional.empty(), 10).loopback()).isTrue();
        assertThat(new WebOptions("0.0.0.0:0", Optional.of("t".repeat(16)), 10).loopback()).isFalse();
        assertThat(new WebOptions("localhost:0", Optional.empty(), 10).loopback()).isTrue();
    }

    @Test
    void refusesMalformedBindsInPlainWords() {
        assertThatThrownBy(() -> new WebOptions("8080", Optional.empty(), 10))
                .isInstanceOf(WebOptionsException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> new WebOptions("localhost:http", Optional.empty(), 10))
                .isInstanceOf(WebOptionsException.class).hasMessageContaining("no valid port");
        assertThatThrownBy(() -> new WebOptions("localhost:70000", Optional.empty(), 10))
                .isInstanceOf(WebOptionsException.class);
        assertThatThrownBy(() -> new WebOptions("localhost:0", Optional.empty(), 0))
                .isInstanceOf(WebOptionsException.class).hasMessageContaining("upload limit");
    }

    @Test
    void blankTokenCountsAsNoneAndTheTokenNeverPrints() {
        assertThat(new WebOptions("127.0.0.1:0", Optional.of("  "), 10).token()).isEmpty();
        WebOptions withToken = new WebOptions("127.0.0.1:0", Optional.of("s3cret-token-0123456"), 10);
        assertThat(withToken.toString()).doesNotContain("s3cret-token-0123456").contains("token=set");
    }
}
