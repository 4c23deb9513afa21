package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import io.javalin.http.Context;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One conversation per browser: the {@code kb_session} cookie holds a random id (128 bits), which is the chat id of
 * the session's {@link ChatOrigin} and of the late replies addressed to it. At most {@code maxSessions} sessions are
 * known at once (a session idle for {@link SessionStreams#IDLE_EVICTION} makes room): each is a user with its own
 * limits and storage quota, so a client that drops its cookie must not get a fresh one without end.
 */
final class BrowserSessions {
    static final String PLATFORM = "web";
    static final String COOKIE = "kb_session";
    private static final String ATTRIBUTE = "kb.session";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{22,64}");

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final int maxSessions;
    private final Clock clock;

    BrowserSessions(int maxSessions, Clock clock) {
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /** The session of this request, creating it (and its cookie) on first contact. */
    String sessionId(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String id = ctx.cookie(COOKIE);
        boolean fresh = id == null || !VALID.matcher(id).matches();
        if (fresh) {
            id = newId();
        }
        admit(id);
        if (fresh) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        }
        ctx.attribute(ATTRIBUTE, id);
        return id;
    }

    int count() {
        return lastSeen.size();
    }

    /** Notes the session as seen; a session not known yet needs room. */
    private synchronized void admit(String id) {
        Instant now = clock.instant();
        if (lastSeen.replace(id, now) != null) {
            return;
        }
        if (lastSeen.size() >= maxSessions) {
            Instant cutoff = now.minus(SessionStreams.IDLE_EVICTION);
            lastSeen.values().removeIf(seen -> seen.isBefore(cutoff));
        }
        if (lastSeen.size() >= maxSessions) {
            throw new ApiException(503, "too_many_sessions", "The playground has too many open sessions right now ("
                    + maxSessions + "); please try again later.");
        }
        lastSeen.put(id, now);
    }

    ChatOrigin origin(Context ctx) {
        return origin(sessionId(ctx));
    }

    static ChatOrigin origin(String sessionId) {
        return ChatOrigin.privateChat(PLATFORM, sessionId, new ChatUser(sessionId, "you", false));
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
