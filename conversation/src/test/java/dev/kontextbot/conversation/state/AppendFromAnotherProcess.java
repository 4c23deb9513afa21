package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import java.time.Clock;
import redis.clients.jedis.UnifiedJedis;

/**
 * Run in a second JVM by {@link ConcurrentAppendTest}: appends versions to one conversation.
 * Arguments: redis url, conversation id, job id prefix, count.
 */
public final class AppendFromAnotherProcess {

    private AppendFromAnotherProcess() {
    }

    public static void main(String[] args) {
        String conv = args[1];
        int count = Integer.parseInt(args[3]);
        try (UnifiedJedis redis = RedisConnector.open(args[0])) {
            ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
            String png = store.blobs(conv, "worker").putPng(TestImages.png(99));
            System.out.println("ready");
            for (int i = 0; i < count; i++) {
                store.append(conv, NewVersion.upload(png, 64, 64, "worker", args[2] + i));
            }
        }
    }
}
