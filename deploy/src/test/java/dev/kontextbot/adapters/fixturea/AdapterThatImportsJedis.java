package dev.kontextbot.adapters.fixturea;

import dev.kontextbot.adapters.fixtureb.OtherAdapterType;
import redis.clients.jedis.UnifiedJedis;

/** Breaks the dependency direction on purpose: the architecture test must catch it. */
public final class AdapterThatImportsJedis {

    public String read(UnifiedJedis redis, OtherAdapterType other) {
        return redis.get(other.key());
    }
}
