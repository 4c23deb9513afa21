package dev.kontextbot.adapters.discord;

import java.net.URI;
import java.util.Optional;

/**
 * Where the adapter talks to Discord: the REST base (every call, the adapter's own ones too) and the gateway.
 * They differ from Discord's only for tests and for Discord-compatible proxies.
 *
 * @param gateway the gateway's WebSocket address; empty: Discord's own
 */
public record DiscordEndpoints(URI api, Optional<URI> gateway) {

    public static final URI DISCORD_API = URI.create("https://discord.com/api/v10");
    public static final URI DISCORD_GATEWAY = URI.create("wss://gateway.discord.gg/");

    public DiscordEndpoints {
        gateway = gateway == null ? Optional.empty() : gateway;
        if (api == null || !api.isAbsolute() || !api.getScheme().startsWith("http")) {
            throw new DiscordConfigException("DISCORD_API_URL must be an http(s) address, not " + api + ".");
        }
        gateway.filter(g -> !g.isAbsolute() || !g.getScheme().startsWith("ws")).ifPresent(g -> {
            throw new DiscordConfigException("DISCORD_GATEWAY_URL must be a ws(s) address, not " + g + ".");
        });
    }

    public static DiscordEndpoints discord() {
        return new DiscordEndpoints(DISCORD_API, Optional.empty());
    }

    /** The REST base with a trailing slash, for {@link URI#resolve(String)}. */
    public URI apiBase() {
        String base = api.toString();
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    public URI gatewayOrDiscord() {
        return gateway.orElse(DISCORD_GATEWAY);
    }

    /** True when either address is not Discord's own (doctor shows them then). */
    public boolean custom() {
        return !api.equals(DISCORD_API) || gateway.isPresent();
    }
}
