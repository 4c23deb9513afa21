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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Server-Sent-Events side of each browser session: the connected streams (a session may have several tabs) and
 * a short buffer of recent events, so a reply sent before the browser connected, or while it reconnected, is not
 * lost. A fresh stream gets the events no stream has seen yet; a reconnecting one (Last-Event-ID) gets what came after
 * the last event it saw. Publishing never blocks on a browser: each stream has its own bounded queue and sender
 * (see {@code Tab}), and one that falls {@value #QUEUE_EVENTS} events behind is dropped with a log line.
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
    /**
     * Events waiting for one tab before it counts as stalled and is dropped: a job's whole run of progress events
     * and its result, with room to spare; a browser reading at all keeps far below it.
     */
    static final int QUEUE_EVENTS = 256;

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

    /** An event (or, with a null json, a keep-alive comment) waiting in a tab's queue. */
    private record Frame(long id, String json) {
        static final Frame PING = new Frame(0, null);
    }

    /**
     * One event stream (a browser tab): its own bounded queue and its own sender thread, so publishing never
     * waits on a socket, and a tab that reads too slowly (its queue fills) or not at all is dropped alone.
     */
    private final class Tab {
        private final SseClient client;
        private final ArrayBlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
        private final Thread sender;
        private volatile boolean closed;

        Tab(SseClient client, Stream stream) {
            this.client = client;
            this.sender = Thread.ofVirtual().name("web-sse-sender").start(() -> run(stream));
        }

        /** False when the tab is closed or its queue is full (the caller drops it). */
        boolean offer(Frame frame) {
            return !closed && !client.terminated() && queue.offer(frame);
        }

        private void run(Stream stream) {
            try {
                while (!closed) {
                    Frame frame = queue.take();
                    if (frame.json() == null) {
                        client.sendComment("keep-alive");
                    } else {
                        client.sendEvent(EVENT_NAME, frame.json(), Long.toString(frame.id()));
                    }
                    if (client.terminated()) {
                        log.debug("An event stream closed");
                        stream.detach(client);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.info("An event stream failed and was dropped: {}", e.toString());
                stream.detach(client);
            }
        }

        void close() {
            closed = true;
            sender.interrupt();
            client.close();
        }
    }

    /** One session: its lock orders events (every tab gets them in order), and is never held across a send. */
    private final class Stream {
        private final ArrayDeque<Buffered> buffer = new ArrayDeque<>();
        private final List<Tab> tabs = new ArrayList<>();
        private long lastId;
        private Instant lastActive = clock.instant();

        synchronized long publish(String json, Optional<String> key) {
            long id = ++lastId;
            boolean delivered = sendToAll(new Frame(id, json));
            key.ifPresent(k -> buffer.removeIf(old -> old.key().equals(key)));
            buffer.addLast(new Buffered(id, json, key, delivered));
            while (buffer.size() > BUFFER_SIZE) {
                buffer.removeFirst();
            }
            lastActive = clock.instant();
            return id;
        }

        synchronized void attach(SseClient client, OptionalLong lastEventId) {
            Tab tab = new Tab(client, this);
            ArrayDeque<Buffered> updated = new ArrayDeque<>(buffer.size());
            for (Buffered event : buffer) {
                boolean wanted = lastEventId.isPresent() ? event.id() > lastEventId.getAsLong() : !event.delivered();
                boolean sent = wanted && tab.offer(new Frame(event.id(), event.json()));
                updated.addLast(sent ? event.markDelivered() : event);
            }
            buffer.clear();
            buffer.addAll(updated);
            if (!client.terminated()) {
                tabs.add(tab);
            } else {
                tab.close();
            }
            while (tabs.size() > STREAMS_PER_SESSION) {
                Tab oldest = tabs.removeFirst();
                oldest.close();
            }
            lastActive = clock.instant();
        }

        synchronized void detach(SseClient client) {
            tabs.removeIf(tab -> {
                if (tab.client != client) {
                    return false;
                }
                tab.closed = true;
                tab.sender.interrupt();
                return true;
            });
            lastActive = clock.instant();
        }

        synchronized int clientCount() {
            return tabs.size();
        }

        synchronized void ping() {
            sendToAll(Frame.PING);
        }

        synchronized boolean idleSince(Instant cutoff) {
            return tabs.isEmpty() && lastActive.isBefore(cutoff);
        }

        synchronized void closeAll() {
            // Closing calls back into detach: close a copy.
            List<Tab> closing = List.copyOf(tabs);
            tabs.clear();
            closing.forEach(Tab::close);
        }

        private boolean sendToAll(Frame frame) {
            boolean any = false;
            for (Tab tab : List.copyOf(tabs)) {
                if (tab.offer(frame)) {
                    any = true;
                } else {
                    tabs.remove(tab);
                    if (!tab.client.terminated() && !tab.closed) {
                        log.info("Dropped an event stream that fell {} events behind (a slow or stalled browser)",
                                QUEUE_EVENTS);
                    }
                    tab.close();
                }
            }
            return any;
        }
    }
}
