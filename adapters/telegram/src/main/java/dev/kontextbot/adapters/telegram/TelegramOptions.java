package dev.kontextbot.adapters.telegram;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration of the Telegram adapter. {@code apiUrl} is the Bot API server (scheme, host and port only: the
 * library cannot take a path prefix); every call and every file download goes there. A webhook URL switches from
 * long polling to webhook mode, served on {@code webhookBind} (default {@code 0.0.0.0:8443}). An empty
 * {@code allowedChats} allows every chat; {@code admins} are user ids.
 */
public record TelegramOptions(String token, URI apiUrl, Optional<URI> webhookUrl,
                              Optional<InetSocketAddress> webhookBind, Set<Long> allowedChats, Set<Long> admins,
                              long maxDownloadBytes) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    /** The public Bot API serves files up to 20 MB to bots; a local Bot API server has no such limit. */
    public static final long PUBLIC_DOWNLOAD_LIMIT = 20L * 1024 * 1024;
    public static final InetSocketAddress DEFAULT_WEBHOOK_BIND = new InetSocketAddress(8443);

    public TelegramOptions {
        if (token == null || token.isBlank() || !token.contains(":")) {
            throw new InvalidTelegramOptionsException(
                    "TELEGRAM_BOT_TOKEN is missing or not a bot token (it looks like 123456:ABC-..., from BotFather).");
        }
        apiUrl = apiUrl == null ? DEFAULT_API_URL : apiUrl;
        checkBase(apiUrl);
        webhookUrl = webhookUrl == null ? Optional.empty() : webhookUrl;
        webhookUrl.ifPresent(TelegramOptions::checkWebhook);
        webhookBind = webhookBind == null ? Optional.empty() : webhookBind;
        allowedChats = allowedChats == null ? Set.of() : Set.copyOf(allowedChats);
        admins = admins == null ? Set.of() : Set.copyOf(admins);
        if (maxDownloadBytes <= 0) {
            throw new InvalidTelegramOptionsException("The download limit must be a positive number of bytes.");
        }
    }

    /** Long polling against the public Bot API with the public download limit. */
    public static TelegramOptions polling(String token) {
        return new TelegramOptions(token, DEFAULT_API_URL, Optional.empty(), Optional.empty(), Set.of(), Set.of(),
                PUBLIC_DOWNLOAD_LIMIT);
    }

    /** Whether a self-hosted Bot API server is configured (it lifts the 20 MB download limit). */
    public boolean localBotApiServer() {
        return !apiUrl.equals(DEFAULT_API_URL);
    }

    /** The largest file this adapter downloads: the configured limit, capped at 20 MB on the public Bot API. */
    public long downloadLimit() {
        return localBotApiServer() ? maxDownloadBytes : Math.min(maxDownloadBytes, PUBLIC_DOWNLOAD_LIMIT);
    }

    public InetSocketAddress webhookBindOrDefault() {
        return webhookBind.orElse(DEFAULT_WEBHOOK_BIND);
    }

    public boolean allows(long chatId) {
        return allowedChats.isEmpty() || allowedChats.contains(chatId);
    }

    /** Reads a comma- or space-separated list of chat or user ids, as in TELEGRAM_ALLOWED_CHATS; blank is empty. */
    public static Set<Long> parseIds(String setting, String name) {
        if (setting == null || setting.isBlank()) {
            return Set.of();
        }
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        for (String part : setting.trim().split("[,\\s]+")) {
            try {
                ids.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                throw new InvalidTelegramOptionsException(name + " must list numeric ids separated by commas: \""
                        + part + "\" is not one.");
            }
        }
        return Set.copyOf(ids);
    }

    /** Reads {@code host:port} or {@code :port} / {@code port} (all interfaces), as in TELEGRAM_WEBHOOK_BIND. */
    public static InetSocketAddress parseBind(String setting, String name) {
        String value = setting == null ? "" : setting.trim();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        try {
            int number = Integer.parseInt(port);
            if (number < 0 || number > 65_535) {
                throw new NumberFormatException();
            }
            return host.isEmpty() ? new InetSocketAddress(number) : new InetSocketAddress(host, number);
        } catch (NumberFormatException e) {
            throw new InvalidTelegramOptionsException(name + " must look like 127.0.0.1:8443 or :8443: got \""
                    + value + "\".");
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TelegramOptions[token=***, apiUrl=" + apiUrl + ", webhookUrl=" + webhookUrl + ", webhookBind="
                + webhookBind + ", allowedChats=" + allowedChats + ", admins=" + admins + ", maxDownloadBytes="
                + maxDownloadBytes + "]";
    }

    private static void checkBase(URI uri) {
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
        boolean plainBase = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !plainBase
                || uri.getQuery() != null) {
            throw new InvalidTelegramOptionsException("TELEGRAM_API_URL must look like https://host or http://host:port"
                    + " (no path): got " + uri + ".");
        }
    }

    private static void checkWebhook(URI uri) {
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidTelegramOptionsException("TELEGRAM_WEBHOOK_URL must be an https URL Telegram can reach: got "
                    + uri + ".");
        }
    }
}
