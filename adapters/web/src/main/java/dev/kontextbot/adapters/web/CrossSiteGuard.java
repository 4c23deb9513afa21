package dev.kontextbot.adapters.web;

import io.javalin.http.Context;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests that a browser makes on behalf of another site (cross-site request forgery). A
 * browser says where a request comes from in {@code Origin} and {@code Sec-Fetch-Site}; a foreign origin or
 * {@code cross-site} is refused on every bind, with or without a token. Clients that send neither header (curl,
 * scripts) are not browsers acting for a page, so they go on. Endpoints that read JSON also require
 * {@code application/json}, which a cross-site HTML form cannot send.
 */
final class CrossSiteGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> JSON_ENDPOINTS = Set.of("/api/settings", AccessGuard.LOGIN_PATH,
            AccessGuard.ADMIN_LOGIN_PATH);

    void check(Context ctx) {
        if (SAFE_METHODS.contains(ctx.method().name())) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.strip().equalsIgnoreCase("cross-site")) {
            throw refused();
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin.strip(), ctx.header("Host"))) {
            throw refused();
        }
        if (JSON_ENDPOINTS.contains(ctx.path()) && !isJson(ctx.header("Content-Type"))) {
            throw new ApiException(415, "json_required", "This endpoint takes a JSON body (Content-Type: application/json).");
        }
    }

    private static ApiException refused() {
        return new ApiException(403, "cross_site_refused",
                "This request came from another web site, so the playground refused it.");
    }

    /** The Origin's host and port must be the ones the request was sent to ("null" and garbage are foreign). */
    private static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            String authority = (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                    ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port;
            return authority.equalsIgnoreCase(withPort(hostHeader.strip(), uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String withPort(String host, String scheme) {
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > 0 && (!host.startsWith("[") || host.lastIndexOf(']') < colon);
        return hasPort ? host : host + ":" + defaultPort(scheme);
    }

    private static int defaultPort(String scheme) {
        return scheme.toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/json");
    }
}
