package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import io.javalin.http.Context;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One conversation per browser. The server makes every session id ({@link SessionIds}) and sets it as the
 * {@code kb_session} cookie on the first response; a cookie it did not make, or one retired by "forget", is
 * replaced with a new one. Inside the bot a session is known by its alias only (the chat and user id of its
 * {@link ChatOrigin}, the key of its event streams), so logs, the review list and notices never show an id.
 *
 * <p>At most {@code maxSessions} sessions are counted at once, so a client dropping its cookie cannot mint users
 * (each with its own limits and quota) without end; when the count is full, a session whose cookie never came back
 * makes room after {@link #UNRETURNED_GRACE}, any other after {@link #ROOM_AFTER} idle, so a flood locks new
 * visitors out for minutes at most, never hours. Making room forgets only the count: the cookie stays valid.
 */
final class BrowserSessions {
    static final String PLATFORM = "web";
    static final String COOKIE = "kb_session";
    /** A session seen once, whose browser never sent its cookie back, makes room after this. */
    static final Duration UNRETURNED_GRACE = Duration.ofSeconds(30);
    /** Any session idle this long makes room for a new visitor when all are taken. */
    static final Duration ROOM_AFTER = Duration.ofMinutes(10);
    /** Retired aliases remembered (ids retired by "forget"); ids do not outlive the process's key anyway. */
    static final int MAX_RETIRED = 100_000;
    private static final String ATTRIBUTE = "kb.session";

    private record Seen(Instant last, boolean returned) {
        Instant roomAt() {
            return last.plus(returned ? ROOM_AFTER : UNRETURNED_GRACE);
        }
    }

    private final SessionIds ids = new SessionIds(new SecureRandom());
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Set<String> retired = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_RETIRED;
                }
            }));
    private final int maxSessions;
    private final Clock clock;

    BrowserSessions(int maxSessions, Clock clock) {
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /** The alias of this request's session, minting the session (and its cookie) when it has none of ours. */
    String sessionId(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String cookie = ctx.cookie(COOKIE);
        boolean fresh = !ids.minted(cookie) || retired.contains(SessionIds.alias(cookie));
        if (fresh) {
            cookie = ids.mint();
        }
        String alias = SessionIds.alias(cookie);
        admit(ctx, alias, !fresh);
        if (fresh) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + cookie + "; Path=/; HttpOnly; SameSite=Strict");
        }
        ctx.attribute(ATTRIBUTE, alias);
        return alias;
    }

    /** "forget": the session's id stops working; its browser gets a new one (a new conversation) next time. */
    void retire(String alias) {
        retired.add(alias);
        seen.remove(alias);
    }

    int count() {
        return seen.size();
    }

    /** Notes the session as seen; a session not counted yet needs room. */
    private synchronized void admit(Context ctx, String alias, boolean returned) {
        Instant now = clock.instant();
        Seen before = seen.get(alias);
        if (before != null) {
            seen.put(alias, new Seen(now, before.returned() || returned));
            return;
        }
        if (seen.size() >= maxSessions) {
            seen.values().removeIf(s -> !s.roomAt().isAfter(now));
        }
        if (seen.size() >= maxSessions) {
            Instant first = seen.values().stream().map(Seen::roomAt).min(Instant::compareTo).orElse(now);
            long seconds = Math.max(1, Duration.between(now, first).toSeconds() + 1);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(503, "too_many_sessions", "The playground has too many open sessions right now ("
                    + maxSessions + "); please try again in " + seconds + " seconds.");
        }
        seen.put(alias, new Seen(now, returned));
    }

    ChatOrigin origin(Context ctx) {
        return origin(sessionId(ctx));
    }

    static ChatOrigin origin(String alias) {
        return ChatOrigin.privateChat(PLATFORM, alias, new ChatUser(alias, "you", false));
    }
}
