package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import io.javalin.http.Context;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One conversation per browser: the {@code kb_session} cookie holds a random id (128 bits), which is the chat id of
 * the session's {@link ChatOrigin} and of the late replies addressed to it.
 */
final class BrowserSessions {
    static final String PLATFORM = "web";
    static final String COOKIE = "kb_session";
    private static final String ATTRIBUTE = "kb.session";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{22,64}");

    private final SecureRandom random = new SecureRandom();

    /** The session of this request, creating it (and its cookie) on first contact. */
    String sessionId(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String id = ctx.cookie(COOKIE);
        if (id == null || !VALID.matcher(id).matches()) {
            id = newId();
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        }
        ctx.attribute(ATTRIBUTE, id);
        return id;
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
