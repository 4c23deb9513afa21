package dev.kontextbot.conversation.retention;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Starts uploads of distinct pictures at the same moment and counts how many were stored. */
final class RacingUploads {

    private RacingUploads() {
    }

    /** {@code writers} uploads of {@code size} bytes; writer w stores in conversation(w), charged to user(w). */
    static int stored(ConversationStore store, int writers, int size, IntFunction<String> conversation,
            IntFunction<String> user) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String conv = conversation.apply(w);
                String payer = user.apply(w);
                long seed = (long) conv.hashCode() * 31 + w;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        store.blobs(conv, payer).putPng(TestImages.png(seed, size));
                        return true;
                    } catch (QuotaExceededException e) {
                        return false;
                    }
                }));
            }
            int stored = 0;
            for (Future<Boolean> f : results) {
                stored += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            return stored;
        } finally {
            pool.shutdownNow();
        }
    }
}
