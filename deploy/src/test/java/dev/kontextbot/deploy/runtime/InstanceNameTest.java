package dev.kontextbot.deploy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceNameTest {

    @Test
    void aRunKeepsItsNameAcrossRestartsAndOtherRolesTakeAFreshOne(@TempDir Path data, @TempDir Path other) {
        String first = InstanceName.of(RuntimeOptionsFactory.Role.RUN, data.resolve("new-folder"));
        assertThat(first).matches("run-[a-f0-9]{8}");
        assertThat(InstanceName.of(RuntimeOptionsFactory.Role.RUN, data.resolve("new-folder"))).isEqualTo(first);
        assertThat(InstanceName.of(RuntimeOptionsFactory.Role.RUN, other)).isNotEqualTo(first);
        String chat = InstanceName.of(RuntimeOptionsFactory.Role.CHAT, data.resolve("new-folder"));
        assertThat(chat).matches("chat-[a-f0-9]{8}")
                .isNotEqualTo(InstanceName.of(RuntimeOptionsFactory.Role.CHAT, data.resolve("new-folder")));
    }
}
