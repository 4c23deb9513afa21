package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.redis.RedisConnector;
import java.time.Clock;
import redis.clients.jedis.UnifiedJedis;

/**
 * Run in a second JVM by {@link ConcurrentAppendTest}: appends versions to one conversation.
 * Arguments: redis url, conversation id, job id prefix, count.
 */
public final class AppendFromAnotherProcess {

    /** The test pushes to this list when both writers should start. */
    static final String GO = "kb:test:go";

    private AppendFromAnotherProcess() {
    }

    /** Loads the classes and scripts an append uses, so the timed race is not against a cold JVM. */
    static void warmUp(ConversationStore store) {
        String conv = "warm:up";
        String png = store.blobs(conv, "warm").putPng(TestImages.png(1));
        for (int i = 0; i < 20; i++) {
            store.append(conv, NewVersion.upload(png, 8, 8, "warm", "w" + i));
        }
        store.history(conv);
        store.forget(conv);
    }

    public static void main(String[] args) {
        String conv = args[1];
        int count = Integer.parseInt(args[3]);
        try (UnifiedJedis redis = RedisConnector.open(args[0])) {
            ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), ConcurrentAppendTest.NO_PRUNING);
            String png = store.blobs(conv, "worker").putPng(TestImages.png(99));
            warmUp(store);
            System.out.println("ready");
            System.out.flush();
            redis.blpop(20, GO); // start together with the test's own writer
            for (int i = 0; i < count; i++) {
                store.append(conv, NewVersion.upload(png, 64, 64, "worker", args[2] + i));
            }
        }
    }
}
