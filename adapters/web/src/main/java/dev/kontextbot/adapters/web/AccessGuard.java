package dev.kontextbot.adapters.web;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The token rule. With a token, every API call and /metrics must present it, either as {@code Authorization: Bearer}
 * or as the {@code kb_token} cookie that {@code /?token=...} sets (it holds a SHA-256 of the token, never the token).
 * On a loopback bind without a token, requests must name a local host, so a web page elsewhere cannot reach the API
 * through DNS rebinding.
 */
final class AccessGuard {
    static final String TOKEN_COOKIE = "kb_token";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<byte[]> tokenBytes;
    private final Optional<String> cookieValue;
    private final boolean loopback;

    AccessGuard(Optional<String> token, boolean loopback) {
        this.tokenBytes = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.cookieValue = token.map(AccessGuard::digest);
        this.loopback = loopback;
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
        if (path.equals("/") && ctx.queryParam("token") != null) {
            if (matchesToken(ctx.queryParam("token"))) {
                ctx.res().addHeader("Set-Cookie", TOKEN_COOKIE + "=" + cookieValue.orElseThrow()
                        + "; Path=/; HttpOnly; SameSite=Strict");
                // Drop the token from the address bar and the history.
                ctx.redirect("/");
                return;
            }
            throw new ApiException(401, "bad_token", "That playground token is not right.");
        }
        if (protectedPath(path) && !authorized(ctx)) {
            throw new ApiException(401, "token_required",
                    "This playground needs its token: open /?token=YOUR_TOKEN once, or send Authorization: Bearer.");
        }
    }

    private static boolean protectedPath(String path) {
        return path.startsWith("/api/") || path.equals("/metrics");
    }

    private boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matchesToken(header.substring(7).strip());
        }
        String cookie = ctx.cookie(TOKEN_COOKIE);
        return cookie != null && MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.US_ASCII), cookieValue.orElseThrow().getBytes(StandardCharsets.US_ASCII));
    }

    private boolean matchesToken(String presented) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), tokenBytes.orElseThrow());
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
