package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.javacord.api.entity.channel.RegularServerChannel;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.channel.ServerThreadChannel;
import org.javacord.api.entity.channel.TextChannel;
import org.junit.jupiter.api.Test;

/** Discord's age-restricted flag marks the place adult; a thread takes its parent's. Javacord types are mocks. */
class AgeRestrictedPlaceTest {

    private static ServerTextChannel channel(boolean nsfw) {
        ServerTextChannel channel = mock(ServerTextChannel.class);
        when(channel.isNsfw()).thenReturn(nsfw);
        when(channel.asTextableRegularServerChannel()).thenReturn(Optional.of(channel));
        return channel;
    }

    @Test
    void anAgeRestrictedChannelIsAnAdultPlaceAndAnOrdinaryOneIsNot() {
        assertThat(DiscordOrigins.ageRestricted(channel(true))).isTrue();
        assertThat(DiscordOrigins.ageRestricted(channel(false))).isFalse();
    }

    @Test
    void aThreadFollowsItsParentChannel() {
        ServerTextChannel parent = channel(true);
        ServerThreadChannel thread = mock(ServerThreadChannel.class);
        when(thread.asServerThreadChannel()).thenReturn(Optional.of(thread));
        when(thread.getParent()).thenReturn((RegularServerChannel) parent);
        assertThat(DiscordOrigins.ageRestricted(thread)).isTrue();
    }

    @Test
    void aDirectMessageIsNeverAnAdultPlace() {
        TextChannel dm = mock(TextChannel.class);
        assertThat(DiscordOrigins.ageRestricted(dm)).isFalse();
    }
}
