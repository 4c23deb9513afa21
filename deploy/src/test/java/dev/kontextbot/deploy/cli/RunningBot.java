package dev.kontextbot.deploy.cli;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code kontextbot run} in this JVM, started until "Ready." and stopped as SIGTERM would stop it. */
final class RunningBot implements AutoCloseable {

    private static final Pattern WEB_URL = Pattern.compile("Running:  web playground on (http://127\\.0\\.0\\.1:\\d+/)");

    private final CliRunner runner;
    private final CompletableFuture<Integer> exit;
    private final URI web;

    private RunningBot(CliRunner runner, CompletableFuture<Integer> exit, URI web) {
        this.runner = runner;
        this.exit = exit;
        this.web = web;
    }

    static RunningBot start(Map<String, String> env) throws InterruptedException {
        Map<String, String> withWeb = new HashMap<>(env);
        withWeb.putIfAbsent("WEB_BIND", "127.0.0.1:0");
        CliRunner runner = new CliRunner(withWeb);
        // A thread of its own: the common pool has one thread on a 2-core machine, and run blocks until stopped.
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("kontextbot-run").start(() -> {
            try {
                exit.complete(runner.execute("run"));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        });
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!runner.out().contains("Ready.") && !exit.isDone() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Matcher m = WEB_URL.matcher(runner.out());
        if (!runner.out().contains("Ready.") || !m.find()) {
            throw new AssertionError("run did not start within 120 s:\n" + runner.out() + runner.err());
        }
        return new RunningBot(runner, exit, URI.create(m.group(1)));
    }

    URI web() {
        return web;
    }

    String out() {
        return runner.out();
    }

    @Override
    public void close() throws Exception {
        runner.signalShutdown();
        int code = exit.get(60, TimeUnit.SECONDS);
        if (code != 0) {
            throw new AssertionError("run ended with " + code + ":\n" + runner.err());
        }
    }
}
