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
 * The token rule. With a token, every API call and /metrics must present it, either as {@code Authorization: Bearer}
 * or as the {@code kb_token} cookie that {@code POST /api/login} sets (it holds a SHA-256 of the token, never the
 * token). The token never travels in a URL, where history, logs and Referer headers would keep it. Wrong tokens are
 * throttled per client address. On a loopback bind without a token, requests must name a local host, so a web page
 * elsewhere cannot reach the API through DNS rebinding.
 */
final class AccessGuard {
    static final String TOKEN_COOKIE = "kb_token";
    static final String LOGIN_PATH = "/api/login";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<byte[]> tokenBytes;
    private final Optional<String> cookieValue;
    private final boolean loopback;
    private final WrongTokenThrottle throttle;
    private final Json json;

    AccessGuard(Optional<String> token, boolean loopback, WrongTokenThrottle throttle, Json json) {
        this.tokenBytes = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.cookieValue = token.map(AccessGuard::digest);
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
        if (tokenBytes.isEmpty()) {
            return;
        }
        String path = ctx.path();
        if (ctx.queryParam("token") != null) {
            throw ApiException.badRequest("token_in_url",
                    "The token never goes in an address; use the login form of the page, or send Authorization: Bearer.");
        }
        if (path.equals(LOGIN_PATH)) {
            return;
        }
        if (protectedPath(path) && !authorized(ctx)) {
            throw new ApiException(401, "token_required",
                    "This playground needs its token: log in on the page, or send Authorization: Bearer.");
        }
    }

    /** {@code POST /api/login} with {@code {"token": "..."}}: sets the cookie that stands for the token. */
    void login(Context ctx) {
        if (tokenBytes.isEmpty()) {
            json.respond(ctx, Map.of("loggedIn", true));
            return;
        }
        var token = json.readObject(ctx).path("token");
        if (!token.isTextual() || !presented(ctx, token.asText())) {
            throw new ApiException(401, "bad_token", "That playground token is not right.");
        }
        ctx.res().addHeader("Set-Cookie", TOKEN_COOKIE + "=" + cookieValue.orElseThrow()
                + "; Path=/; HttpOnly; SameSite=Strict");
        json.respond(ctx, Map.of("loggedIn", true));
    }

    private static boolean protectedPath(String path) {
        return path.startsWith("/api/") || path.equals("/metrics");
    }

    private boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return presented(ctx, header.substring(7).strip());
        }
        // A stale cookie (the token was changed) is no guess: a 256-bit digest cannot be guessed, so it is not throttled.
        String cookie = ctx.cookie(TOKEN_COOKIE);
        return cookie != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                cookieValue.orElseThrow().getBytes(StandardCharsets.US_ASCII));
    }

    /** Compares a presented token, unless this address guessed wrong too often lately. */
    private boolean presented(Context ctx, String token) {
        return checked(ctx, MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), tokenBytes.orElseThrow()));
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

    private static String digest(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(("kontextbot-playground:" + token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
