package dev.kontextbot.adapters.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Session ids only this process makes: 128 random bits and an HMAC-SHA256 tag over them (truncated to 128 bits)
 * under a key drawn at start, so a value a client made up, or planted in someone's browser, is not an id. The id
 * itself stays in the cookie: everything else (the chat id, logs, the review list, notices) uses its {@link #alias},
 * a one-way digest that cannot be turned back into a cookie.
 */
final class SessionIds {
    /** 128 random bits per id. */
    static final int RANDOM_BYTES = 16;
    /** Hex digits of the alias: 64 bits, beyond collisions for any number of sessions one process sees. */
    static final int ALIAS_HEX = 16;
    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;
    private final SecretKeySpec key;

    SessionIds(SecureRandom random) {
        this.random = random;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
    }

    String mint() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(tag(bytes));
    }

    /** True only for an id {@link #mint} made (compared in constant time). */
    boolean minted(String cookie) {
        if (cookie == null || cookie.length() > 64) {
            return false;
        }
        int dot = cookie.indexOf('.');
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cookie.substring(0, Math.max(0, dot)));
            byte[] presented = Base64.getUrlDecoder().decode(cookie.substring(dot + 1));
            return dot > 0 && bytes.length == RANDOM_BYTES && MessageDigest.isEqual(tag(bytes), presented);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The short one-way name of a session, for everything but its cookie. */
    static String alias(String cookie) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("kontextbot-session:" + cookie).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, ALIAS_HEX);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] tag(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            byte[] full = mac.doFinal(bytes);
            return java.util.Arrays.copyOf(full, RANDOM_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
