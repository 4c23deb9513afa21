package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static DiscordOptions options(Set<Long> guilds, Set<Long> channels) {
        return new DiscordOptions("secret-token", Optional.empty(), true, guilds, channels, Set.of(7L), Set.of(70L),
                1, 0, DiscordOptions.DEFAULT_ATTACHMENT_LIMIT, true);
    }

    @Test
    void noAllowlistAllowsEverythingAndDirectMessages() {
        AccessPolicy policy = new AccessPolicy(options(Set.of(), Set.of()));
        assertThat(policy.refusal(Optional.of(1L), 10L, Optional.empty())).isEmpty();
        assertThat(policy.refusal(Optional.empty(), 10L, Optional.empty())).isEmpty();
    }

    @Test
    void guildAllowlist() {
        AccessPolicy policy = new AccessPolicy(options(Set.of(1L), Set.of()));
        assertThat(policy.refusal(Optional.of(1L), 10L, Optional.empty())).isEmpty();
        assertThat(policy.refusal(Optional.of(2L), 10L, Optional.empty()))
                .hasValueSatisfying(m -> assertThat(m).contains("not enabled in this server"));
        assertThat(policy.refusal(Optional.empty(), 10L, Optional.empty()))
                .hasValueSatisfying(m -> assertThat(m).contains("not in direct messages"));
    }

    @Test
    void channelAllowlistNamesTheAllowedChannelsAndAcceptsTheirThreads() {
        AccessPolicy policy = new AccessPolicy(options(Set.of(), Set.of(10L, 11L)));
        assertThat(policy.refusal(Optional.of(1L), 10L, Optional.empty())).isEmpty();
        assertThat(policy.refusal(Optional.of(1L), 99L, Optional.of(11L))).isEmpty();
        assertThat(policy.refusal(Optional.of(1L), 12L, Optional.empty()))
                .contains("I don't work in this channel. Try <#10>, <#11>.");
    }

    @Test
    void adminsByUserOrRole() {
        AccessPolicy policy = new AccessPolicy(options(Set.of(), Set.of()));
        assertThat(policy.admin(7L, List.of())).isTrue();
        assertThat(policy.admin(8L, List.of(69L, 70L))).isTrue();
        assertThat(policy.admin(8L, List.of(69L))).isFalse();
    }

    @Test
    void optionsRefuseBadValuesAndHideTheToken() {
        assertThat(options(Set.of(), Set.of()).toString()).doesNotContain("secret-token").contains("token=***");
        assertThatThrownBy(() -> DiscordOptions.defaults(" ")).isInstanceOf(DiscordConfigException.class)
                .hasMessageContaining("DISCORD_TOKEN");
        assertThatThrownBy(() -> new DiscordOptions("t", Optional.empty(), true, Set.of(), Set.of(), Set.of(),
                Set.of(), 2, 2, DiscordOptions.DEFAULT_ATTACHMENT_LIMIT, true))
                .isInstanceOf(DiscordConfigException.class).hasMessageContaining("between 0 and 1");
    }
}
