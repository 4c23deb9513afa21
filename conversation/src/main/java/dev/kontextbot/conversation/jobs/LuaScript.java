package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by SHA, loaded again when the server forgot it (restart, SCRIPT FLUSH). */
final class LuaScript {

    private final String source;
    private volatile String sha;

    LuaScript(String source) {
        this.source = source;
    }

    Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
        return RedisGuard.call(() -> {
            String current = sha;
            if (current != null) {
                try {
                    return jedis.evalsha(current, keys, args);
                } catch (JedisNoScriptException e) {
                    // fall through and load it again
                }
            }
            sha = jedis.scriptLoad(source);
            return jedis.evalsha(sha, keys, args);
        });
    }
}
