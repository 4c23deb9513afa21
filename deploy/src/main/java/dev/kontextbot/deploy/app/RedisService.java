package dev.kontextbot.deploy.app;

import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;

/** Where the bot's state lives: an embedded Redis child process, or the server of REDIS_URL. */
public sealed interface RedisService extends Component permits EmbeddedRedis, ExternalRedis {

    /** The URL clients connect to (valid once started). */
    String url();

    /** One line for the start-up report, secrets masked. */
    String describe();

    static RedisService from(KontextConfig config) {
        return config.redisUrl()
                .<RedisService>map(url -> new ExternalRedis(url, config.display(Setting.REDIS_URL).orElse(""),
                        config.redisCluster()))
                .orElseGet(() -> new EmbeddedRedis(config.dataDir().resolve("redis"), config.embeddedRedisPort()));
    }
}
