package dev.kontextbot.adapters.discord.jda;

import static dev.kontextbot.adapters.discord.fake.FakeDiscord.APPLICATION_ID;

import dev.kontextbot.adapters.discord.DiscordEndpoints;
import dev.kontextbot.adapters.discord.DiscordLibrary;
import dev.kontextbot.adapters.discord.DiscordOptions;
import dev.kontextbot.adapters.discord.fake.FakeDiscord;
import dev.kontextbot.adapters.discord.fake.Payloads;
import dev.kontextbot.core.testing.TestBot;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The JDA adapter logged in to a fake Discord, around the real bot (real Redis, the stand-in model). */
final class JdaFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String WEBHOOK = "/webhooks/" + APPLICATION_ID + "/";

    final FakeDiscord discord = new FakeDiscord();
    final TestBot testBot;
    final JdaAdapter adapter;
    private int next = 1;

    JdaFixture(TestBot testBot, Clock clock) {
        this(testBot, clock, DiscordOptions.defaults("fake-token"));
    }

    JdaFixture(TestBot testBot, Clock clock, DiscordOptions options) {
        this.testBot = testBot;
        DiscordOptions onFake = options.on(DiscordLibrary.JDA, new DiscordEndpoints(URI.create(discord.apiUrl()),
                Optional.of(URI.create(discord.gatewayUrl()))));
        adapter = new JdaAdapter(testBot.bot(), onFake, clock);
        adapter.start();
    }

    Payloads payloads() {
        return discord.payloads();
    }

    String token() {
        return "token-" + next++;
    }

    /** Dispatches a slash command in the guild channel; returns its token. */
    String slash(String command, Map<String, Object> options) {
        return slash(command, options, FakeDiscord.CHANNEL_ID, 10L * 1024 * 1024);
    }

    String slash(String command, Map<String, Object> options, long channelId, long attachmentSizeLimit) {
        String token = token();
        discord.dispatch("INTERACTION_CREATE", payloads().slashCommand(discord.nextId(), token, command, options,
                channelId, attachmentSizeLimit));
        return token;
    }

    /** A picture on the fake CDN, as the option of a slash command. */
    Payloads.File picture(String name, byte[] png) {
        return new Payloads.File(discord.nextId(), name, "image/png", png.length, discord.upload(name, png));
    }

    FakeDiscord.Request await(Predicate<FakeDiscord.Request> which) {
        return discord.await(which, WAIT);
    }

    /** The first {@code count} requests that match, once there are that many. */
    java.util.List<FakeDiscord.Request> awaitAll(Predicate<FakeDiscord.Request> which, int count) {
        return discord.awaitAll(which, count, WAIT);
    }

    /** The deferral of the interaction with {@code token}. */
    FakeDiscord.Request awaitCallback(String token) {
        return await(r -> r.is("POST", "/interactions/\\d+/" + token + "/callback"));
    }

    /** An edit of the original response of {@code token} that carries a picture named {@code kontext-*}. */
    FakeDiscord.Request awaitOriginalResult(String token) {
        return await(r -> r.is("PATCH", WEBHOOK + token + "/messages/@original") && result(r));
    }

    /** Any edit of the original response of {@code token} whose text matches. */
    FakeDiscord.Request awaitOriginalText(String token, Predicate<String> text) {
        return await(r -> r.is("PATCH", WEBHOOK + token + "/messages/@original")
                && text.test(r.json().path("content").asText()));
    }

    /** The first message posted in the channel that carries a result picture. */
    FakeDiscord.Request awaitChannelResult(long channelId) {
        return await(r -> r.is("POST", "/channels/" + channelId + "/messages") && result(r));
    }

    static boolean result(FakeDiscord.Request r) {
        return FakeDiscord.result(r);
    }

    static String button(FakeDiscord.Request sent, String label) {
        return FakeDiscord.button(sent, label);
    }

    @Override
    public void close() {
        try {
            adapter.close();
        } finally {
            try {
                discord.close();
            } finally {
                testBot.close();
            }
        }
    }
}
