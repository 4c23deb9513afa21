package dev.kontextbot.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The JSON API end to end against the real bot (stand-in model, rule-based agent, real Redis, in-process worker). */
@RedisTest
class PlaygroundApiTest {
    private static final int FAST_STEPS = 2;

    private PlaygroundFixture fixture;
    private PlaygroundClient browser;

    @TempDir
    Path workDir;
    private UnifiedJedis jedis;

    @BeforeEach
    void start(UnifiedJedis jedis) throws Exception {
        this.jedis = jedis;
        fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback());
        browser = new PlaygroundClient(fixture.uri());
        assertThat(browser.get("/").statusCode()).isEqualTo(200); // opens the session
        // Few steps keep each stand-in edit short; every step still reports progress.
        assertThat(browser.putJson("/api/settings", "{\"steps\": " + FAST_STEPS + "}").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void uploadAndEditBuildAHistoryTreeThatGoToBranchesFrom() throws Exception {
        try (SseReader events = browser.events()) {
            JsonNode first = upload(events, "add a small boat on the water");
            JsonNode second = say(events, "make the sky purple");
            assertThat(second.get("parentId").asText()).isEqualTo(first.get("versionId").asText());

            JsonNode history = browser.getJson("/api/history");
            List<String> ids = ids(history);
            assertThat(ids).contains(first.get("versionId").asText(), second.get("versionId").asText());
            assertThat(history.get("currentId").asText()).isEqualTo(second.get("versionId").asText());
            JsonNode root = history.get("versions").get(0);
            assertThat(root.get("parentId").isNull()).isTrue();
            assertThat(root.get("url").asText()).isEqualTo("/api/versions/" + root.get("id").asText() + "/image");

            // The image of every version is a PNG, the thumbnail too.
            HttpResponse<byte[]> png = browser.getBytes(second.get("url").asText());
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
            assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(browser.getBytes(second.get("thumbUrl").asText()).body()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(browser.getBytes(second.get("url").asText() + "?download=1").headers()
                    .firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));

            // Go back to the first result: it becomes current, and the next edit branches from it.
            HttpResponse<String> goTo = browser.post("/api/versions/" + first.get("versionId").asText() + "/current");
            assertThat(goTo.statusCode()).isEqualTo(200);
            assertThat(browser.json(goTo).get("versionId").asText()).isEqualTo(first.get("versionId").asText());
            assertThat(browser.getJson("/api/history").get("currentId").asText()).isEqualTo(first.get("versionId").asText());

            JsonNode branch = say(events, "make it snowy");
            assertThat(branch.get("parentId").asText()).isEqualTo(first.get("versionId").asText());
            JsonNode tree = browser.getJson("/api/history");
            long childrenOfFirst = stream(tree).stream()
                    .filter(v -> first.get("versionId").asText().equals(v.path("parentId").asText())).count();
            assertThat(childrenOfFirst).isEqualTo(2);
        }
    }

    @Test
    void historyCarriesEachVersionsDriftAgainstTheRootForTheGauge() throws Exception {
        try (SseReader events = browser.events()) {
            JsonNode first = upload(events, "add a small boat on the water");
            JsonNode second = say(events, "make the sky purple");

            List<JsonNode> versions = stream(browser.getJson("/api/history"));
            JsonNode root = versions.stream().filter(v -> v.path("parentId").isNull()).findFirst().orElseThrow();
            // The picture as sent is the root: nothing to drift from.
            assertThat(root.get("drift").isNull()).isTrue();
            for (JsonNode edit : List.of(first, second)) {
                JsonNode version = versions.stream()
                        .filter(v -> v.get("id").asText().equals(edit.get("versionId").asText())).findFirst().orElseThrow();
                JsonNode drift = version.get("drift");
                assertThat(drift.get("summary").asText()).matches("drift: colour \\d+\\.\\d, detail [-+]\\d+%");
                assertThat(drift.get("parts")).extracting(p -> p.get("key").asText()).containsExactly("colour", "detail");
                JsonNode colour = drift.get("parts").get(0);
                // The level is the figure against the threshold history hints at (8 levels of 255).
                assertThat(colour.get("level").asDouble()).isCloseTo(colour.get("value").asDouble() / 8, within(0.01));
                assertThat(colour.get("words").asText()).contains("levels (of 255) on average since v1");
                // The stand-in paints noise, far from the original: past the threshold, with the hint.
                assertThat(colour.get("past").asBoolean()).isTrue();
                assertThat(drift.get("past").asBoolean()).isTrue();
                assertThat(drift.get("hint").asText()).contains("drifted since v1: say 're-anchor'");
            }
        }
    }

    @Test
    void compareGivesTheVersionAndItsParent() throws Exception {
        try (SseReader events = browser.events()) {
            JsonNode first = upload(events, "add a red scarf");
            JsonNode second = say(events, "make it night");

            JsonNode compare = browser.getJson("/api/compare/" + second.get("versionId").asText());
            assertThat(compare.get("version").get("id").asText()).isEqualTo(second.get("versionId").asText());
            assertThat(compare.get("parent").get("id").asText()).isEqualTo(first.get("versionId").asText());
            assertThat(compare.get("parent").get("url").asText()).isEqualTo(first.get("url").asText());
            assertThat(compare.get("version").get("instructionSent").asText()).isNotBlank();

            String rootId = browser.getJson("/api/history").get("versions").get(0).get("id").asText();
            assertThat(browser.getJson("/api/compare/" + rootId).get("parent").isNull()).isTrue();
            assertThat(browser.get("/api/compare/no-such-version").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void settingsReadAndChangeAndRefuseNonsense() throws Exception {
        JsonNode before = browser.getJson("/api/settings");
        assertThat(before.has("steps")).isTrue();
        assertThat(before.has("guidance")).isTrue();

        boolean guided = TestBot.family().takesGuidance();
        HttpResponse<String> put = browser.putJson("/api/settings", guided
                ? "{\"steps\": 6, \"guidance\": 3.5, \"seed\": 42}" : "{\"steps\": 6, \"seed\": 42}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode after = browser.getJson("/api/settings");
        assertThat(after.get("steps").asInt()).isEqualTo(6);
        if (guided) {
            assertThat(after.get("guidance").asDouble()).isEqualTo(3.5);
        } else {
            // Klein takes none: reported as null, and a value is refused in plain words.
            assertThat(after.get("guidance").isNull()).isTrue();
            HttpResponse<String> refused = browser.putJson("/api/settings", "{\"guidance\": 3.5}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(browser.json(refused).get("message").asText()).contains("takes no guidance");
        }
        assertThat(after.get("seed").asLong()).isEqualTo(42);

        assertThat(browser.putJson("/api/settings", "{\"seed\": null}").statusCode()).isEqualTo(200);
        assertThat(browser.getJson("/api/settings").get("seed").isNull()).isTrue();
        assertThat(browser.getJson("/api/settings").get("steps").asInt()).isEqualTo(6);

        HttpResponse<String> bad = browser.putJson("/api/settings", "{\"steps\": \"many\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(browser.json(bad).get("error").asText()).isEqualTo("bad_settings");
        assertThat(browser.putJson("/api/settings", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void eachBrowserSessionIsItsOwnConversation() throws Exception {
        JsonNode mine;
        try (SseReader events = browser.events()) {
            mine = upload(events, "add a hat");
        }
        PlaygroundClient stranger = new PlaygroundClient(fixture.uri());
        assertThat(stranger.getJson("/api/history").get("versions")).isEmpty();
        assertThat(stranger.getBytes(mine.get("url").asText()).statusCode()).isEqualTo(404);
        assertThat(stranger.post("/api/versions/" + mine.get("versionId").asText() + "/current").statusCode())
                .isEqualTo(404);
    }

    @Test
    void repliesSentBeforeTheStreamConnectsAreKept() throws Exception {
        // No stream open: the turn's replies wait in the session's buffer.
        HttpResponse<String> sent = browser.post("/api/messages",
                new Multipart().field("text", "add a lighthouse").file("image", "sunset.png", "image/png", TestPictures.sunsetPng(256, 256)));
        assertThat(sent.statusCode()).isEqualTo(202);
        // Once the edit is in the history, the turn's first replies were certainly sent, to no stream at all.
        awaitEditInHistory();
        try (SseReader events = browser.events()) {
            SseReader.Event first = events.next();
            assertThat(first.id()).isEqualTo(1);
            JsonNode image = events.nextOfType("image");
            assertThat(image.get("url").asText()).startsWith("/api/versions/");
        }
    }

    @Test
    void uploadsAreSizeCheckedAndEmptyMessagesRefused() throws Exception {
        fixture.close();
        fixture = null;
        try (PlaygroundFixture small = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback(64 * 1024))) {
            PlaygroundClient client = new PlaygroundClient(small.uri());
            HttpResponse<String> tooBig = client.post("/api/messages",
                    new Multipart().field("text", "hi").file("image", "big.png", "image/png", new byte[200 * 1024]));
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(client.json(tooBig).get("message").asText()).contains("too large");

            HttpResponse<String> empty = client.post("/api/messages", new Multipart().field("text", "  "));
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(client.json(empty).get("error").asText()).isEqualTo("empty_message");
        }
    }

    @Test
    void progressArrivesAsStepsOfTheJob() throws Exception {
        try (SseReader events = browser.events()) {
            upload(events, "add a kite");
            List<JsonNode> replies = new ArrayList<>();
            events.seen().forEach(e -> replies.add(e.data()));
            List<JsonNode> progress = replies.stream().filter(r -> "progress".equals(r.path("type").asText())).toList();
            assertThat(progress).isNotEmpty();
            assertThat(progress).allSatisfy(p -> {
                assertThat(p.get("step").asInt()).isBetween(0, p.get("steps").asInt());
                assertThat(p.get("preview").isNull() || p.get("preview").asText().startsWith("data:image/png;base64,")).isTrue();
            });
        }
    }

    @Test
    void referencesAreSetFromTheCurrentPictureOrAnUpload() throws Exception {
        try (SseReader events = browser.events()) {
            upload(events, "add a red scarf");

            HttpResponse<String> style = browser.post("/api/references",
                    new Multipart().field("kind", "style").field("source", "current"));
            assertThat(style.statusCode()).as(style.body()).isEqualTo(202);
            events.nextOfType("text");
            assertThat(kinds()).contains("style");

            HttpResponse<String> character = browser.post("/api/references", new Multipart().field("kind", "character")
                    .file("image", "face.png", "image/png", TestPictures.sunsetPng(128, 128)));
            assertThat(character.statusCode()).as(character.body()).isEqualTo(202);
            events.nextOfType("text");
            assertThat(kinds()).contains("character", "style");
        }
        HttpResponse<String> wrongKind = browser.post("/api/references", new Multipart().field("kind", "mood").field("source", "current"));
        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(browser.json(wrongKind).get("error").asText()).isEqualTo("bad_kind");
        assertThat(browser.post("/api/references", new Multipart().field("kind", "style")).statusCode()).isEqualTo(400);
    }

    @Test
    void resultButtonsArePressedThroughTheApi() throws Exception {
        try (SseReader events = browser.events()) {
            JsonNode first = upload(events, "add a hat");
            JsonNode second = say(events, "make it night");
            String undo = actionKey(second, "undo");
            assertThat(browser.post("/api/actions/" + undo).statusCode()).isEqualTo(202);
            JsonNode back = events.nextOfType("image");
            assertThat(back.get("versionId").asText()).isEqualTo(first.get("versionId").asText());
            assertThat(browser.getJson("/api/history").get("currentId").asText()).isEqualTo(first.get("versionId").asText());
        }
    }

    @Test
    void variationsArriveTogetherAndAPickButtonMakesOneCurrent() throws Exception {
        try (SseReader events = browser.events()) {
            JsonNode edit = upload(events, "add a hat");
            assertThat(browser.post("/api/messages", new Multipart().field("text", "vary 2")).statusCode())
                    .isEqualTo(202);
            JsonNode set = events.nextOfType("variations");
            assertThat(set.get("caption").asText()).contains("2 variations").contains("'pick 2'");
            List<JsonNode> tiles = new ArrayList<>();
            set.get("variations").forEach(tiles::add);
            assertThat(tiles).extracting(t -> t.get("number").asInt()).containsExactly(1, 2);
            assertThat(tiles).extracting(t -> t.get("versionNumber").asInt()).containsExactly(3, 4);
            assertThat(tiles).allSatisfy(t -> {
                assertThat(t.get("thumbUrl").asText()).isEqualTo("/api/versions/" + t.get("versionId").asText()
                        + "/image?thumb=1");
                assertThat(t.get("pick").get("kind").asText()).isEqualTo("pick");
            });
            assertThat(tiles.get(1).get("pick").get("label").asText()).isEqualTo("Pick 2");

            String first = tiles.getFirst().get("versionId").asText();
            assertThat(browser.post("/api/actions/" + tiles.getFirst().get("pick").get("key").asText()).statusCode())
                    .isEqualTo(202);
            JsonNode picked = events.nextOfType("image");
            assertThat(picked.get("versionId").asText()).isEqualTo(first);
            JsonNode history = browser.getJson("/api/history");
            assertThat(history.get("currentId").asText()).isEqualTo(first);
            // Both variations stay in the tree as siblings: children of the edit's parent.
            assertThat(stream(history)).filteredOn(v -> v.get("number").asInt() >= 3)
                    .extracting(v -> v.get("parentId").asText())
                    .containsOnly(edit.get("parentId").asText());
        }
    }

    @Test
    void theYesUnderAQuestionIsPressedThroughTheApi() throws Exception {
        try (SseReader events = browser.events()) {
            upload(events, "add a hat");
            assertThat(browser.post("/api/messages", new Multipart().field("text", "a red car")).statusCode())
                    .isEqualTo(202);
            JsonNode question = events.nextMatching(r -> "text".equals(r.path("type").asText()) && r.has("actions"));
            assertThat(question.get("text").asText()).isEqualTo("Edit the picture: 'a red car'?");

            assertThat(browser.post("/api/actions/" + actionKey(question, "confirm")).statusCode()).isEqualTo(202);
            assertThat(lastImageOfTurn(events).get("caption").asText()).contains("A red car");
        }
    }

    private List<String> kinds() throws Exception {
        List<String> kinds = new ArrayList<>();
        browser.getJson("/api/references").get("references").forEach(r -> kinds.add(r.get("kind").asText()));
        return kinds;
    }

    private JsonNode upload(SseReader events, String instruction) throws Exception {
        HttpResponse<String> sent = browser.post("/api/messages",
                new Multipart().field("text", instruction).file("image", "sunset.png", "image/png", TestPictures.sunsetPng(256, 256)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return lastImageOfTurn(events);
    }

    private JsonNode say(SseReader events, String instruction) throws Exception {
        HttpResponse<String> sent = browser.post("/api/messages", new Multipart().field("text", instruction));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return lastImageOfTurn(events);
    }

    /** An edit result: an image reply that has a parent (the upload itself may be echoed as an image first). */
    private static JsonNode lastImageOfTurn(SseReader events) {
        return events.nextMatching(r -> "image".equals(r.path("type").asText()) && !r.path("parentId").isNull()
                && r.path("jobId").isTextual());
    }

    private void awaitEditInHistory() throws Exception {
        long deadline = System.nanoTime() + SseReader.PATIENCE.toNanos();
        while (stream(browser.getJson("/api/history")).stream().noneMatch(v -> !v.path("parentId").isNull())) {
            assertThat(System.nanoTime()).as("the edit never reached the history").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String actionKey(JsonNode image, String kind) {
        for (JsonNode action : image.get("actions")) {
            if (kind.equals(action.get("kind").asText())) {
                return action.get("key").asText();
            }
        }
        throw new AssertionError("no " + kind + " button on " + image);
    }

    private static List<String> ids(JsonNode history) {
        return stream(history).stream().map(v -> v.get("id").asText()).toList();
    }

    private static List<JsonNode> stream(JsonNode history) {
        List<JsonNode> list = new ArrayList<>();
        history.get("versions").forEach(list::add);
        return list;
    }
}
