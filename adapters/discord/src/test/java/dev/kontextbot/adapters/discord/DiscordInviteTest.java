package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscordInviteTest {

    @Test
    void inviteCarriesBothScopesAndTheDocumentedPermissions() {
        assertThat(DiscordInvite.PERMISSIONS).isEqualTo(274_878_024_704L);
        assertThat(Long.bitCount(DiscordInvite.PERMISSIONS)).isEqualTo(6);
        assertThat(DiscordInvite.url(123L)).isEqualTo("https://discord.com/oauth2/authorize?client_id=123"
                + "&scope=bot+applications.commands&permissions=274878024704");
    }
}
