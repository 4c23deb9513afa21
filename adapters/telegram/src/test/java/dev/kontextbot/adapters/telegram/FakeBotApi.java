package dev.kontextbot.adapters.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Bot API server on loopback, written from the public Bot API documentation (core.telegram.org/bots/api):
 * {@code POST /bot<token>/<method>} with JSON, form or multipart parameters, answers {@code {"ok":true,"result":...}}
 * or {@code {"ok":false,"error_code":...,"description":...,"parameters":{"retry_after":N}}}; files at
 * {@code /file/bot<token>/<file_path>}. Method names match case-insensitively (TelegramBots lowercases some). It
 * records every call, serves getUpdates from a queue, numbers the messages it "sends", and can answer 429.
 */
final class FakeBotApi implements AutoCloseable {

    static final String TOKEN = "123456:TEST-fake-token_x";
    static final long BOT_ID = 999_000;
    static final String BOT_USERNAME = "kontext_test_bot";

    /**
     * One recorded request: the method (lower case), its parameters as text, uploaded files, and the message id the
     * server gives the message when the call sends one.
     */
    record Call(int seq, String method, Map<String, String> params, Map<String, byte[]> files, int messageId) {
        String param(String name) {
            return params.get(name);
        }

        /** The bytes of an uploaded file parameter ({@code attach://<part>} points at a multipart part). */
        byte[] file(String name) {
            String value = params.get(name);
            if (value == null || !value.startsWith("attach://")) {
                throw new AssertionError("parameter " + name + " is not an upload: " + value);
            }
            return files.get(value.substring("attach://".length()));
        }

        /**
         * The files of a sendMediaGroup call, in album order: each item of the {@code media} JSON array names its
         * upload as {@code attach://<part>}.
         */
        List<byte[]> album() {
            List<byte[]> items = new ArrayList<>();
            for (JsonNode item : json("media")) {
                items.add(files.get(item.get("media").asText().substring("attach://".length())));
            }
            return items;
        }

        JsonNode json(String name) {
            try {
                return JSON.readTree(params.get(name));
            } catch (IOException e) {
                throw new AssertionError("parameter " + name + " is not JSON: " + params.get(name));
            }
        }
    }

    private record StoredFile(String path, byte[] bytes, long reportedSize, boolean tooBig) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<ObjectNode> updates = new ArrayDeque<>();
    private final AtomicInteger nextUpdateId = new AtomicInteger(1);
    private final AtomicInteger nextMessageId = new AtomicInteger(5000);
    private final AtomicInteger nextFile = new AtomicInteger(1);
    private final Map<String, StoredFile> filesById = new ConcurrentHashMap<>();
    private final Map<String, StoredFile> filesByPath = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> floodAnswers = new HashMap<>();
    private final Map<String, Integer> errorAnswers = new HashMap<>();
    private final List<byte[]> downloads = new ArrayList<>();

    FakeBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- what tests arrange ----

    /** Queues an update for getUpdates; the update_id is assigned here. */
    void queueUpdate(ObjectNode update) {
        update.put("update_id", nextUpdateId.getAndIncrement());
        synchronized (updates) {
            updates.add(update);
            updates.notifyAll();
        }
    }

    /** Stores a file as a user upload would; returns its file_id. */
    String storeFile(byte[] bytes) {
        return store(bytes, bytes.length, false);
    }

    /** A file whose reported size is past the public download limit; getFile refuses it, as Telegram does. */
    String storeHugeFile(long reportedSize) {
        return store(new byte[0], reportedSize, true);
    }

    /** A file a local Bot API server (--local) keeps on its disk: getFile answers with this absolute path. */
    String storeLocalFile(java.nio.file.Path absolute, long size) {
        return store(absolute.toString(), new byte[0], size, false);
    }

    private String store(byte[] bytes, long size, boolean tooBig) {
        return store("photos/file_" + nextFile.get() + ".jpg", bytes, size, tooBig);
    }

    private String store(String path, byte[] bytes, long size, boolean tooBig) {
        int n = nextFile.getAndIncrement();
        String id = "FILE" + n;
        StoredFile file = new StoredFile(path, bytes, size, tooBig);
        filesById.put(id, file);
        filesByPath.put(file.path(), file);
        return id;
    }

    /** The next {@code times} calls of {@code method} answer 429 with this retry_after. */
    synchronized void floodNext(String method, int times, int retryAfterSeconds) {
        Deque<Integer> answers = floodAnswers.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            answers.add(retryAfterSeconds);
        }
    }

    /** Every call of {@code method} fails with this error code (400: "Bad Request"). */
    synchronized void failAlways(String method, int errorCode) {
        errorAnswers.put(method.toLowerCase(Locale.ROOT), errorCode);
    }

    // ---- what tests check ----

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<Call> calls(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return calls().stream().filter(c -> c.method().equals(m)).toList();
    }

    List<byte[]> downloads() {
        synchronized (downloads) {
            return List.copyOf(downloads);
        }
    }

    /** Waits for a call of {@code method} that matches; fails with the calls seen so far. */
    Call await(String method, Predicate<Call> matches, Duration timeout) {
        String m = method.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            while (true) {
                for (Call call : calls) {
                    if (call.method().equals(m) && matches.test(call)) {
                        return call;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No matching " + method + " within " + timeout + "; calls: "
                            + calls.stream().map(c -> c.method() + c.params()).toList());
                }
                try {
                    calls.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    Call await(String method, Duration timeout) {
        return await(method, c -> true, timeout);
    }

    // ---- the server ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String filePrefix = "/file/bot" + TOKEN + "/";
            if (path.startsWith(filePrefix)) {
                serveFile(exchange, path.substring(filePrefix.length()));
                return;
            }
            String prefix = "/bot" + TOKEN + "/";
            if (!path.startsWith(prefix)) {
                answer(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            readParameters(exchange, params, files);
            int seq;
            int messageId = nextMessageId.getAndIncrement();
            synchronized (calls) {
                seq = calls.size();
                calls.add(new Call(seq, method, params, files, messageId));
                calls.notifyAll();
            }
            Integer flood = takeFlood(method);
            if (flood != null) {
                ObjectNode body = error(429, "Too Many Requests: retry after " + flood);
                body.putObject("parameters").put("retry_after", flood);
                answer(exchange, 429, body);
                return;
            }
            Integer failure;
            synchronized (this) {
                failure = errorAnswers.get(method);
            }
            if (failure != null) {
                answer(exchange, failure, error(failure, "Bad Request: message to edit not found"));
                return;
            }
            answer(exchange, 200, dispatch(method, params, files, messageId));
        } catch (RuntimeException e) {
            answer(exchange, 500, error(500, "fake server: " + e));
        }
    }

    private synchronized Integer takeFlood(String method) {
        Deque<Integer> answers = floodAnswers.get(method);
        return answers == null ? null : answers.poll();
    }

    private ObjectNode dispatch(String method, Map<String, String> params, Map<String, byte[]> files,
                                int messageId) {
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "getme" -> ok.set("result", botUser());
            case "getupdates" -> ok.set("result", takeUpdates(params));
            case "getfile" -> {
                StoredFile file = filesById.get(params.get("file_id"));
                if (file == null) {
                    return error(400, "Bad Request: invalid file_id");
                }
                if (file.tooBig()) {
                    return error(400, "Bad Request: file is too big");
                }
                ok.putObject("result").put("file_id", params.get("file_id")).put("file_unique_id", "u" + file.path())
                        .put("file_size", file.reportedSize()).put("file_path", file.path());
            }
            case "sendmessage", "sendphoto", "senddocument" -> ok.set("result", message(params, messageId));
            case "sendmediagroup" -> {
                ArrayNode album = mediaGroup(params, files, messageId);
                if (album == null) {
                    return error(400, "Bad Request: wrong media group: 2-10 items, each an uploaded or known file");
                }
                ok.set("result", album);
            }
            case "editmessagetext" -> {
                ObjectNode message = message(params, Integer.parseInt(params.get("message_id")));
                ok.set("result", message);
            }
            case "sendchataction", "answercallbackquery", "setmycommands", "deletewebhook", "setwebhook",
                 "deletemessage" -> ok.put("result", true);
            default -> {
                return error(404, "Not Found: method " + method);
            }
        }
        return ok;
    }

    /**
     * sendMediaGroup as the Bot API takes it: {@code media} is a JSON array of 2-10 InputMedia objects of one kind
     * (photos and videos, or documents), each {@code media} an {@code attach://<part>} naming a multipart part (or a
     * file id); the answer is one Message per item. The first message keeps the id the call was given; the others
     * get fresh ones. Null when the group is malformed.
     */
    private ArrayNode mediaGroup(Map<String, String> params, Map<String, byte[]> files, int firstId) {
        JsonNode media;
        try {
            media = JSON.readTree(params.getOrDefault("media", ""));
        } catch (IOException e) {
            return null;
        }
        if (media == null || !media.isArray() || media.size() < 2 || media.size() > 10) {
            return null;
        }
        java.util.Set<String> kinds = new java.util.HashSet<>();
        ArrayNode result = JSON.createArrayNode();
        for (int i = 0; i < media.size(); i++) {
            JsonNode item = media.get(i);
            String ref = item.path("media").asText();
            boolean uploaded = ref.startsWith("attach://") && files.containsKey(ref.substring("attach://".length()));
            if (!uploaded && !filesById.containsKey(ref)) {
                return null;
            }
            String type = item.path("type").asText();
            kinds.add(type.equals("document") ? "document" : "visual");
            Map<String, String> one = new HashMap<>(Map.of("chat_id", params.getOrDefault("chat_id", "0")));
            if (item.hasNonNull("caption")) {
                one.put("caption", item.get("caption").asText());
            }
            ObjectNode message = message(one, i == 0 ? firstId : nextMessageId.getAndIncrement());
            message.put("media_group_id", "album-" + firstId);
            result.add(message);
        }
        return kinds.size() == 1 ? result : null;
    }

    private ArrayNode takeUpdates(Map<String, String> params) {
        long offset = params.containsKey("offset") ? Long.parseLong(params.get("offset")) : 0;
        // A long poll: wait a little for news, then answer (an early empty answer is valid).
        long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
        ArrayNode result = JSON.createArrayNode();
        synchronized (updates) {
            updates.removeIf(u -> u.get("update_id").asLong() < offset);
            while (updates.isEmpty() && System.nanoTime() < deadline) {
                try {
                    updates.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            updates.forEach(result::add);
        }
        return result;
    }

    private ObjectNode message(Map<String, String> params, int messageId) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", messageId);
        message.put("date", System.currentTimeMillis() / 1000);
        long chatId = Long.parseLong(params.getOrDefault("chat_id", "0"));
        message.putObject("chat").put("id", chatId).put("type", chatId > 0 ? "private" : "supergroup");
        message.set("from", botUser());
        if (params.containsKey("text")) {
            message.put("text", params.get("text"));
        }
        if (params.containsKey("caption")) {
            message.put("caption", params.get("caption"));
        }
        return message;
    }

    static ObjectNode botUser() {
        return JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true).put("first_name", "Kontext")
                .put("username", BOT_USERNAME);
    }

    private void serveFile(HttpExchange exchange, String filePath) throws IOException {
        StoredFile file = filesByPath.get(filePath);
        if (file == null) {
            answer(exchange, 404, error(404, "Not Found"));
            return;
        }
        synchronized (downloads) {
            downloads.add(file.bytes());
        }
        exchange.sendResponseHeaders(200, file.bytes().length == 0 ? -1 : file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }

    private static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- request parameters: query string, JSON, urlencoded form or multipart ----

    private static void readParameters(HttpExchange exchange, Map<String, String> params, Map<String, byte[]> files)
            throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, params);
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            return;
        }
        if (type.startsWith("application/json")) {
            JsonNode json = JSON.readTree(body);
            json.properties().forEach(e -> params.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        } else if (type.startsWith("multipart/form-data")) {
            String boundary = exchange.getRequestHeaders().getFirst("Content-Type").replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
            multipart(body, boundary, params, files);
        } else {
            form(new String(body, StandardCharsets.UTF_8), params);
        }
    }

    private static void form(String encoded, Map<String, String> params) {
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    private static void multipart(byte[] body, String boundary, Map<String, String> params,
                                  Map<String, byte[]> files) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int start = pos + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                return;
            }
            start += 2; // CRLF after the delimiter
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                return;
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next - 2);
            String name = headers.replaceAll("(?s).*name=\"([^\"]*)\".*", "$1");
            if (headers.contains("filename=")) {
                files.put(name, content);
            } else {
                params.put(name, new String(content, StandardCharsets.UTF_8));
            }
            pos = next;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
