package dev.kontextbot.deploy.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@value #MASK}: the values of the secret settings, the password of any URL,
 * and anything shaped like a Telegram or Discord bot token (a token can reach a log line through a library's
 * request URL even when it is not configured here, e.g. in a test).
 */
public final class SecretMasker {

    public static final String MASK = "****";

    /** Telegram: {@code bot<id>:<secret>} in API URLs, or the bare token. */
    private static final Pattern TELEGRAM = Pattern.compile("(?<![A-Za-z0-9_-])(bot)?\\d{5,}:[A-Za-z0-9_-]{30,}");
    /** Discord: three dot-separated base64url parts. */
    private static final Pattern DISCORD = Pattern.compile(
            "(?<![A-Za-z0-9_.-])[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{20,}");
    /** scheme://user:password@host: keeps the user name, masks the password. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s\"]*):[^@\\s/\"]+@");
    /**
     * Shorter values are masked only where they stand alone (not inside a longer word or number), so a short
     * secret is still hidden without masking every word that contains its letters.
     */
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;
    private final List<Pattern> shortSecrets;

    public SecretMasker(Collection<String> secretValues) {
        Set<String> all = new LinkedHashSet<>();
        List<Pattern> shortOnes = new ArrayList<>();
        for (String value : secretValues) {
            if (value != null && !value.isEmpty() && value.length() < MIN_SECRET_LENGTH) {
                shortOnes.add(Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(value) + "(?![A-Za-z0-9])"));
            } else if (value != null && value.length() >= MIN_SECRET_LENGTH) {
                all.add(value);
                // The JSON log format escapes these characters: mask the escaped form too.
                all.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
            }
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
        this.shortSecrets = List.copyOf(shortOnes);
    }

    /** Masks only what is recognisable by its shape (before the configuration is loaded). */
    public static SecretMasker patternsOnly() {
        return new SecretMasker(List.of());
    }

    /** Masks the secret values of {@code config}, the Redis password included, and token shapes. */
    public static SecretMasker of(KontextConfig config) {
        List<String> values = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            config.optional(setting).ifPresent(value -> {
                switch (setting.secrecy()) {
                    case SECRET -> values.add(value);
                    case PASSWORD_IN_URL -> urlPassword(value).ifPresent(values::add);
                    case PUBLIC -> { }
                }
            });
        }
        try {
            config.redisPassword().ifPresent(values::add);
        } catch (IllegalStateException e) {
            // unreadable: nothing to mask, and the start reports it
        }
        return new SecretMasker(values);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        for (Pattern secret : shortSecrets) {
            out = secret.matcher(out).replaceAll(MASK);
        }
        out = TELEGRAM.matcher(out).replaceAll(m -> m.group(1) == null ? MASK : "bot" + MASK);
        out = DISCORD.matcher(out).replaceAll(MASK);
        return maskUrlPasswords(out);
    }

    static String maskUrlPasswords(String text) {
        return URL_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
    }

    private static java.util.Optional<String> urlPassword(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@', scheme + 3);
        if (scheme < 0 || at < 0) {
            return java.util.Optional.empty();
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        return java.util.Optional.of(colon < 0 ? userInfo : userInfo.substring(colon + 1)).filter(p -> !p.isEmpty());
    }
}
