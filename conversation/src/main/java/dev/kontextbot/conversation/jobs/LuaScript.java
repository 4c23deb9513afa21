package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.ReplicatedWrite;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by SHA, loaded again when the server forgot it (restart, SCRIPT FLUSH, a promoted replica). */
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
            // Routed by the first key: on a cluster the script must be known on the master that serves it.
            sha = jedis.scriptLoad(source, keys.getFirst());
            return jedis.evalsha(sha, keys, args);
        });
    }

    /** Like {@link #run}, then waits for a replica to have the change (a job's state that must survive a failover). */
    Object runReplicated(UnifiedJedis jedis, List<String> keys, List<String> args) {
        var commands = ReplicatedWrite.commands();
        return ReplicatedWrite.run(jedis, keys.getFirst(), connection -> {
            String current = sha;
            if (current != null) {
                try {
                    return connection.executeCommand(commands.evalsha(current, keys, args));
                } catch (JedisNoScriptException e) {
                    // fall through and load it again
                }
            }
            sha = connection.executeCommand(commands.scriptLoad(source));
            return connection.executeCommand(commands.evalsha(sha, keys, args));
        });
    }
}
