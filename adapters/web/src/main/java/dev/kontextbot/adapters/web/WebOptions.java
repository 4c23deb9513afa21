package dev.kontextbot.adapters.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * How the playground is served. {@code bind} is {@code host:port} ({@code [::1]:8080} for IPv6); port 0 picks a free
 * port. With a {@code token} (at least {@value #MIN_TOKEN_LENGTH} characters), every API call must present it; without
 * one, only a loopback bind is allowed. {@code maxSessions} caps the browser sessions known at once and
 * {@code maxStreams} the open event streams, so a script dropping its cookie cannot grow memory without end.
 * {@code adminToken} (PLAYGROUND_ADMIN_TOKEN, as long, and not the playground token) opens the review API; without
 * it the review API is off on the web.
 */
public record WebOptions(String bind, Optional<String> token, long maxUploadBytes, int maxSessions, int maxStreams,
                         Optional<String> adminToken) {

    public static final String DEFAULT_BIND = "127.0.0.1:8080";
    /** Large enough for a 4K PNG from a phone, small enough to refuse accidents. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;
    /** 16 random characters are beyond guessing at the throttled rate; shorter tokens are refused at start. */
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final int DEFAULT_MAX_SESSIONS = 200;
    public static final int DEFAULT_MAX_STREAMS = 100;

    public WebOptions {
        bind = bind == null || bind.isBlank() ? DEFAULT_BIND : bind.strip();
        token = token == null ? Optional.empty() : token.filter(t -> !t.isBlank());
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new WebOptionsException("PLAYGROUND_TOKEN must be at least " + MIN_TOKEN_LENGTH
                    + " characters long (it has " + token.get().length() + "); `openssl rand -hex 16` makes a good one.");
        }
        adminToken = adminToken == null ? Optional.empty() : adminToken.filter(t -> !t.isBlank());
        if (adminToken.isPresent() && adminToken.get().length() < MIN_TOKEN_LENGTH) {
            throw new WebOptionsException("PLAYGROUND_ADMIN_TOKEN must be at least " + MIN_TOKEN_LENGTH
                    + " characters long (it has " + adminToken.get().length() + "); `openssl rand -hex 16` makes a good one.");
        }
        if (adminToken.isPresent() && adminToken.equals(token)) {
            throw new WebOptionsException("PLAYGROUND_ADMIN_TOKEN must differ from PLAYGROUND_TOKEN: everyone with the"
                    + " playground's token would be a review admin.");
        }
        if (maxUploadBytes <= 0) {
            throw new WebOptionsException("The upload limit must be a positive number of bytes, not " + maxUploadBytes + ".");
        }
        if (maxSessions < 1 || maxStreams < 1) {
            throw new WebOptionsException("The playground needs room for at least one session and one event stream.");
        }
        host(bind);
        port(bind);
    }

    public WebOptions(String bind, Optional<String> token, long maxUploadBytes) {
        this(bind, token, maxUploadBytes, DEFAULT_MAX_SESSIONS, DEFAULT_MAX_STREAMS);
    }

    /** Without the review API. */
    public WebOptions(String bind, Optional<String> token, long maxUploadBytes, int maxSessions, int maxStreams) {
        this(bind, token, maxUploadBytes, maxSessions, maxStreams, Optional.empty());
    }

    public WebOptions withAdminToken(Optional<String> admin) {
        return new WebOptions(bind, token, maxUploadBytes, maxSessions, maxStreams, admin);
    }

    public static WebOptions defaults() {
        return new WebOptions(DEFAULT_BIND, Optional.empty(), DEFAULT_MAX_UPLOAD_BYTES);
    }

    public String host() {
        return host(bind);
    }

    public int port() {
        return port(bind);
    }

    /** True when the bind address only accepts connections from this machine. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new WebOptionsException("The web bind host '" + host() + "' does not resolve.");
        }
    }

    private static String host(String bind) {
        int colon = bind.lastIndexOf(':');
        if (colon <= 0) {
            throw new WebOptionsException("The web bind '" + bind + "' must look like host:port, e.g. " + DEFAULT_BIND + ".");
        }
        String host = bind.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String bind) {
        String digits = bind.substring(bind.lastIndexOf(':') + 1);
        try {
            int port = Integer.parseInt(digits);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new WebOptionsException("The web bind '" + bind + "' has no valid port (0-65535).");
        }
    }

    @Override
    public String toString() {
        // Never print the token.
        return "WebOptions[bind=" + bind + ", token=" + (token.isPresent() ? "set" : "none")
                + ", maxUploadBytes=" + maxUploadBytes + ", maxSessions=" + maxSessions + ", maxStreams=" + maxStreams
                + ", adminToken=" + (adminToken.isPresent() ? "set" : "none") + "]";
    }
}
