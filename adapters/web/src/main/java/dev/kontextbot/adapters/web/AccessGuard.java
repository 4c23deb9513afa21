package dev.kontextbot.adapters.web;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token rules. With a token, every API call and /metrics (with or without a trailing slash) must present it,
 * either as {@code Authorization: Bearer} or as the {@code kb_token} cookie that {@code POST /api/login} sets (it
 * holds a SHA-256 of the token, never the token). The review API ({@code /api/review*}) answers to the admin token
 * alone, whether or not there is a playground token: {@code Authorization: Bearer <admin token>} or the
 * {@code kb_admin} cookie of {@code POST /api/review/login}; without an admin token it is off (404). Tokens never
 * travel in a URL, where history, logs and Referer headers would keep them; they are compared as SHA-256 digests
 * in constant time and never logged. Wrong tokens are throttled per client address. On a loopback bind without a
 * token, requests must name a local host, so a web page elsewhere cannot reach the API through DNS rebinding.
 */
final class AccessGuard {
    static final String TOKEN_COOKIE = "kb_token";
    static final String LOGIN_PATH = "/api/login";
    static final String ADMIN_COOKIE = "kb_admin";
    static final String REVIEW_PATH = "/api/review";
    static final String ADMIN_LOGIN_PATH = "/api/review/login";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<byte[]> tokenBytes;
    private final Optional<String> cookieValue;
    private final Optional<byte[]> adminBytes;
    private final Optional<String> adminCookieValue;
    private final boolean loopback;
    private final WrongTokenThrottle throttle;
    private final Json json;

    AccessGuard(Optional<String> token, Optional<String> adminToken, boolean loopback, WrongTokenThrottle throttle,
                Json json) {
        this.tokenBytes = token.map(t -> sha256("kontextbot-token:" + t));
        this.cookieValue = token.map(t -> hex(sha256("kontextbot-playground:" + t)));
        this.adminBytes = adminToken.map(t -> sha256("kontextbot-token:" + t));
        this.adminCookieValue = adminToken.map(t -> hex(sha256("kontextbot-admin:" + t)));
        this.loopback = loopback;
        this.throttle = throttle;
        this.json = json;
    }

    boolean tokenRequired() {
        return tokenBytes.isPresent();
    }

    /** Runs before every request; throws {@link ApiException} when the request may not go on. */
    void check(Context ctx) {
        if (loopback && tokenBytes.isEmpty() && !LOCAL_HOSTS.contains(hostName(ctx.header("Host")))) {
            throw new ApiException(403, "host_refused",
                    "This playground only answers to localhost. Open it at http://localhost:<port>/.");
        }
        String path = normalized(ctx.path());
        if (ctx.queryParam("token") != null && (tokenBytes.isPresent() || adminBytes.isPresent())) {
            throw ApiException.badRequest("token_in_url",
                    "The token never goes in an address; use the login form of the page, or send Authorization: Bearer.");
        }
        if (reviewPath(path)) {
            checkAdmin(ctx, path);
            return;
        }
        if (tokenBytes.isEmpty()) {
            return;
        }
        if (path.equals(LOGIN_PATH)) {
            return;
        }
        if (protectedPath(path) && !authorized(ctx)) {
            throw new ApiException(401, "token_required",
                    "This playground needs its token: log in on the page, or send Authorization: Bearer.");
        }
    }

    /** The review API: only with the admin token, and off without one. */
    private void checkAdmin(Context ctx, String path) {
        if (adminBytes.isEmpty()) {
            throw new ApiException(404, "review_off", "The review API is off on the web: PLAYGROUND_ADMIN_TOKEN is"
                    + " not set. Admins on Telegram and Discord review as before.");
        }
        if (path.equals(ADMIN_LOGIN_PATH)) {
            return;
        }
        String header = ctx.header("Authorization");
        boolean ok = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? presented(ctx, header.substring(7).strip(), adminBytes.orElseThrow())
                : cookieMatches(ctx.cookie(ADMIN_COOKIE), adminCookieValue.orElseThrow());
        if (!ok) {
            throw new ApiException(401, "admin_token_required",
                    "The review page needs the admin token: log in on the page, or send Authorization: Bearer.");
        }
    }

    /** True for the review API's paths ({@code /api/review}, {@code /api/review/...}). */
    static boolean reviewPath(String path) {
        String p = normalized(path);
        return p.equals(REVIEW_PATH) || p.startsWith(REVIEW_PATH + "/");
    }

    /** {@code POST /api/review/login} with {@code {"token": "..."}}: the cookie that stands for the admin token. */
    void adminLogin(Context ctx) {
        var token = json.readObject(ctx).path("token");
        if (!token.isTextual() || !presented(ctx, token.asText(), adminBytes.orElseThrow())) {
            throw new ApiException(401, "bad_token", "That admin token is not right.");
        }
        ctx.res().addHeader("Set-Cookie", ADMIN_COOKIE + "=" + adminCookieValue.orElseThrow()
                + "; Path=" + REVIEW_PATH + "; HttpOnly; SameSite=Strict");
        json.respond(ctx, Map.of("loggedIn", true));
    }

    /** {@code POST /api/login} with {@code {"token": "..."}}: sets the cookie that stands for the token. */
    void login(Context ctx) {
        if (tokenBytes.isEmpty()) {
            json.respond(ctx, Map.of("loggedIn", true));
            return;
        }
        var token = json.readObject(ctx).path("token");
        if (!token.isTextual() || !presented(ctx, token.asText(), tokenBytes.orElseThrow())) {
            throw new ApiException(401, "bad_token", "That playground token is not right.");
        }
        ctx.res().addHeader("Set-Cookie", TOKEN_COOKIE + "=" + cookieValue.orElseThrow()
                + "; Path=/; HttpOnly; SameSite=Strict");
        json.respond(ctx, Map.of("loggedIn", true));
    }

    private static boolean protectedPath(String path) {
        return path.startsWith("/api/") || path.equals("/metrics") || path.startsWith("/metrics/");
    }

    /** Repeated slashes as one, no trailing slash: the path as the router matches it. */
    static String normalized(String path) {
        String p = path.replaceAll("/{2,}", "/");
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return presented(ctx, header.substring(7).strip(), tokenBytes.orElseThrow());
        }
        return cookieMatches(ctx.cookie(TOKEN_COOKIE), cookieValue.orElseThrow());
    }

    /** A stale cookie (the token was changed) is no guess: a 256-bit digest cannot be guessed, so it is not throttled. */
    private static boolean cookieMatches(String cookie, String expected) {
        return cookie != null && MessageDigest.isEqual(sha256(cookie), sha256(expected));
    }

    /**
     * Compares a presented token with {@code expected} (a digest, so the compare takes the same time whatever the
     * lengths), unless this address guessed wrong too often lately.
     */
    private boolean presented(Context ctx, String token, byte[] expected) {
        return checked(ctx, MessageDigest.isEqual(sha256("kontextbot-token:" + token), expected));
    }

    private boolean checked(Context ctx, boolean matches) {
        String address = ctx.ip();
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            throw new ApiException(429, "too_many_wrong_tokens", "Too many wrong tokens from this address; wait "
                    + Math.max(1, wait.toSeconds()) + " seconds and try again.");
        }
        if (!matches) {
            throw failed(address);
        }
        return true;
    }

    private ApiException failed(String address) {
        throttle.failed(address);
        return new ApiException(401, "bad_token", "That playground token is not right.");
    }

    private static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > 0 && (!host.startsWith("[") || host.lastIndexOf(']') < colon);
        return hasPort ? host.substring(0, colon) : host;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
