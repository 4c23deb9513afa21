package dev.kontextbot.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/** Reads a Server-Sent-Events stream on a virtual thread and hands out its events as JSON, in order. */
final class SseReader implements AutoCloseable {
    /** How long a test waits for an event before it fails (the stand-in model takes well under this). */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    record Event(long id, String name, JsonNode data) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final InputStream body;

    SseReader(InputStream body) {
        this.body = body;
        Thread.ofVirtual().name("sse-reader").start(this::read);
    }

    /** The next event, whatever it is. */
    Event next() {
        try {
            Event event = events.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                fail("no event arrived within " + PATIENCE + "; seen so far: " + seen);
            }
            seen.add(event);
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Skips events until one matches; fails on an error reply unless that is what is awaited. */
    JsonNode nextMatching(Predicate<JsonNode> wanted) {
        while (true) {
            JsonNode data = next().data();
            if (wanted.test(data)) {
                return data;
            }
            if ("error".equals(data.path("type").asText())) {
                fail("the bot replied with an error while waiting: " + data);
            }
        }
    }

    JsonNode nextOfType(String type) {
        return nextMatching(data -> type.equals(data.path("type").asText()));
    }

    List<Event> seen() {
        return List.copyOf(seen);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            long id = -1;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, mapper.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // The stream was closed by the test or the server.
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
