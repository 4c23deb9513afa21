package dev.kontextbot.conversation.review;

import dev.kontextbot.conversation.redis.RedisGuard;
import redis.clients.jedis.UnifiedJedis;

/**
 * The places (platform + chat) whose safety policy is relaxed, in {@code kb:{review}:relaxed}. Every other place
 * is strict. Front ends decide who may relax a place; workers read it to screen results for that place.
 */
public final class RelaxedChats {

    static final String RELAXED = ReviewList.PREFIX + "relaxed";

    private final UnifiedJedis jedis;

    public RelaxedChats(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    public boolean relaxed(String platform, String chatId) {
        return RedisGuard.call(() -> jedis.sismember(RELAXED, place(platform, chatId)));
    }

    public void relax(String platform, String chatId) {
        RedisGuard.call(() -> jedis.sadd(RELAXED, place(platform, chatId)));
    }

    public void makeStrict(String platform, String chatId) {
        RedisGuard.call(() -> jedis.srem(RELAXED, place(platform, chatId)));
    }

    private static String place(String platform, String chatId) {
        return platform + ":" + chatId;
    }
}
