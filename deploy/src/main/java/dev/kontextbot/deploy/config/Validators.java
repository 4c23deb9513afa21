package dev.kontextbot.deploy.config;

import dev.kontextbot.conversation.redis.RedisConnector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The validators {@link Setting} is declared with. Messages read as the second half of "KEY ...". */
final class Validators {

    /** Telegram bot tokens: the bot's numeric id, a colon, the secret part. */
    static final Pattern TELEGRAM_TOKEN = Pattern.compile("^\\d+:[A-Za-z0-9_-]{30,}$");
    /** Discord bot tokens: three dot-separated base64url parts (user id, timestamp, HMAC). */
    static final Pattern DISCORD_TOKEN = Pattern.compile("^[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{20,}$");

    private Validators() {
    }

    static Validator any() {
        return value -> Optional.empty();
    }

    static Validator oneOf(String... allowed) {
        List<String> options = List.of(allowed);
        return value -> options.contains(value.toLowerCase(Locale.ROOT))
                ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", options) + " (was '" + value + "')");
    }

    static Validator integer(int min, int max) {
        return value -> {
            try {
                int n = Integer.parseInt(value.trim());
                return n < min || n > max
                        ? Optional.of("must be between " + min + " and " + max + " (was " + n + ")")
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of("must be a whole number (was '" + value + "')");
            }
        };
    }

    static Validator decimal(double min, double max) {
        return value -> {
            try {
                double d = Double.parseDouble(value.trim());
                return !(d >= min && d <= max)
                        ? Optional.of("must be between " + min + " and " + max + " (was " + value.trim() + ")")
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of("must be a number such as 2.5 (was '" + value + "')");
            }
        };
    }

    static Validator matching(String regex, String what) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value.trim()).matches() ? Optional.empty() : Optional.of("must be " + what);
    }

    static Validator path() {
        return value -> {
            try {
                Path.of(value.trim());
                return Optional.empty();
            } catch (InvalidPathException e) {
                return Optional.of("is not a valid path (" + e.getReason() + ")");
            }
        };
    }

    /** An absolute http(s) URL; {@code httpsOnly} for endpoints a platform calls back. */
    static Validator url(boolean httpsOnly) {
        return value -> {
            try {
                URI uri = new URI(value.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean schemeOk = httpsOnly ? scheme.equals("https") : scheme.equals("http") || scheme.equals("https");
                if (!schemeOk || uri.getHost() == null) {
                    return Optional.of(httpsOnly ? "must be an https:// URL" : "must be an http:// or https:// URL");
                }
                return Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.of("is not a valid URL");
            }
        };
    }

    static Validator redisUrl() {
        // RedisConnector's messages already start with "REDIS_URL ...": keep the part after the name.
        return value -> RedisConnector.validate(value).map(p -> p.startsWith("REDIS_URL ") ? p.substring(10) : p);
    }

    static Validator hostPort() {
        return value -> {
            int colon = value.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.of("must be host:port, as in 127.0.0.1:8080 (was '" + value + "')");
            }
            return integer(0, 65535).problem(value.substring(colon + 1))
                    .map(p -> "port " + p);
        };
    }

    /** Comma-separated numeric ids (Telegram chats may be negative). */
    static Validator idList() {
        return matching("\\s*-?\\d{1,20}\\s*(,\\s*-?\\d{1,20}\\s*)*", "comma-separated numeric ids, e.g. 123,456");
    }

    static Validator telegramToken() {
        return value -> TELEGRAM_TOKEN.matcher(value.trim()).matches()
                ? Optional.empty()
                : Optional.of("is not a Telegram bot token (expected <digits>:<30+ letters, digits, _ or ->, as BotFather gives it)");
    }

    static Validator discordToken() {
        return value -> DISCORD_TOKEN.matcher(value.trim()).matches()
                ? Optional.empty()
                : Optional.of("is not a Discord bot token (expected three dot-separated parts, as the Developer Portal gives it)");
    }
}
