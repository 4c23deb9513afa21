package dev.kontextbot.adapters.web;

import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Server-Sent-Events side of each browser session: the connected streams (a session may have several tabs) and
 * a short buffer of recent events, so a reply sent before the browser connected, or while it reconnected, is not
 * lost. A fresh stream gets the events no stream has seen yet; a reconnecting one (Last-Event-ID) gets what came after
 * the last event it saw.
 */
final class SessionStreams {
    static final String EVENT_NAME = "reply";
    /** Events kept per session: a few turns' worth of replies and progress. */
    static final int BUFFER_SIZE = 64;
    /** Sessions with no stream and no event for this long are forgotten (their conversation stays in the store). */
    static final Duration IDLE_EVICTION = Duration.ofHours(2);

    private static final Logger log = LoggerFactory.getLogger(SessionStreams.class);

    /** Event streams one session may hold open (tabs); a new one past this closes the session's oldest. */
    static final int STREAMS_PER_SESSION = 8;

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxStreams;

    SessionStreams(Clock clock, int maxStreams) {
        this.clock = clock;
        this.maxStreams = maxStreams;
    }

    /** Refuses a new event stream when all {@code maxStreams} are taken (checked before the stream starts). */
    void checkRoom() {
        if (clientCount() >= maxStreams) {
            throw new ApiException(503, "too_many_streams", "The playground has too many open event streams right now ("
                    + maxStreams + "); close other tabs or try again later.");
        }
    }

    /** Sends an event to the session's streams (or keeps it for the next one) and returns its id. */
    long publish(String sessionId, String json) {
        return stream(sessionId).publish(json, Optional.empty());
    }

    /**
     * Like {@link #publish(String, String)}, but the buffer keeps only the newest event of a {@code supersedes} key,
     * so the 28 progress steps of a job do not push its result out of the buffer.
     */
    long publish(String sessionId, String json, String supersedes) {
        return stream(sessionId).publish(json, Optional.of(supersedes));
    }

    void attach(String sessionId, SseClient client, OptionalLong lastEventId) {
        Stream stream = stream(sessionId);
        client.onClose(() -> stream.detach(client));
        stream.attach(client, lastEventId);
    }

    int clientCount() {
        return streams.values().stream().mapToInt(Stream::clientCount).sum();
    }

    /** Keeps idle connections open through proxies, drops dead ones, forgets long-idle sessions. */
    void heartbeat() {
        Instant cutoff = clock.instant().minus(IDLE_EVICTION);
        streams.values().forEach(Stream::ping);
        streams.entrySet().removeIf(e -> e.getValue().idleSince(cutoff));
    }

    void closeAll() {
        streams.values().forEach(Stream::closeAll);
        streams.clear();
    }

    private Stream stream(String sessionId) {
        return streams.computeIfAbsent(sessionId, id -> new Stream());
    }

    private record Buffered(long id, String json, Optional<String> key, boolean delivered) {
        Buffered markDelivered() {
            return new Buffered(id, json, key, true);
        }
    }

    /** One session: all sends hold its lock, so events reach every stream in order and exactly once. */
    private final class Stream {
        private final ArrayDeque<Buffered> buffer = new ArrayDeque<>();
        private final List<SseClient> clients = new ArrayList<>();
        private long lastId;
        private Instant lastActive = clock.instant();

        synchronized long publish(String json, Optional<String> key) {
            long id = ++lastId;
            boolean delivered = sendToAll(id, json);
            key.ifPresent(k -> buffer.removeIf(old -> old.key().equals(key)));
            buffer.addLast(new Buffered(id, json, key, delivered));
            while (buffer.size() > BUFFER_SIZE) {
                buffer.removeFirst();
            }
            lastActive = clock.instant();
            return id;
        }

        synchronized void attach(SseClient client, OptionalLong lastEventId) {
            ArrayDeque<Buffered> updated = new ArrayDeque<>(buffer.size());
            for (Buffered event : buffer) {
                boolean wanted = lastEventId.isPresent() ? event.id() > lastEventId.getAsLong() : !event.delivered();
                boolean sent = wanted && send(client, event.id(), event.json());
                updated.addLast(sent ? event.markDelivered() : event);
            }
            buffer.clear();
            buffer.addAll(updated);
            if (!client.terminated()) {
                clients.add(client);
            }
            while (clients.size() > STREAMS_PER_SESSION) {
                clients.removeFirst().close();
            }
            lastActive = clock.instant();
        }

        synchronized void detach(SseClient client) {
            clients.remove(client);
            lastActive = clock.instant();
        }

        synchronized int clientCount() {
            return clients.size();
        }

        synchronized void ping() {
            for (SseClient client : List.copyOf(clients)) {
                client.sendComment("keep-alive");
                if (client.terminated()) {
                    clients.remove(client);
                }
            }
        }

        synchronized boolean idleSince(Instant cutoff) {
            return clients.isEmpty() && lastActive.isBefore(cutoff);
        }

        synchronized void closeAll() {
            List.copyOf(clients).forEach(SseClient::close);
            clients.clear();
        }

        private boolean sendToAll(long id, String json) {
            boolean any = false;
            for (SseClient client : List.copyOf(clients)) {
                any |= send(client, id, json);
            }
            return any;
        }

        private boolean send(SseClient client, long id, String json) {
            if (!client.terminated()) {
                client.sendEvent(EVENT_NAME, json, Long.toString(id));
            }
            if (client.terminated()) {
                clients.remove(client);
                log.debug("An event stream closed");
                return false;
            }
            return true;
        }
    }
}
