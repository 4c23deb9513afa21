package dev.kontextbot.adapters.web;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestPictures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import redis.clients.jedis.UnifiedJedis;

import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground in headless Chromium against the real bot with the stand-in model: upload a picture with an
 * instruction, wait for the result, click the parent in the history and see the comparison; then a second step;
 * the page fits a 1280x900 and a 1440x900 window and a phone's width without scrolling sideways; and a screenshot
 * of the page, into target/. {@code -Dplayground.refreshScreenshot=true} copies it over docs/playground.png, on
 * purpose (no test rewrites a tracked file otherwise).
 */
@RedisTest
class PlaygroundBrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Where the screenshot goes (the module runs in adapters/web). */
    private static final Path SCREENSHOT = Path.of("target", "playground.png");
    /** The README's picture, refreshed only when asked with -Dplayground.refreshScreenshot=true. */
    private static final Path DOCS_SCREENSHOT = Path.of("..", "..", "docs", "playground.png");
    /** Window sizes the page must fit without a horizontal scrollbar: laptop, desktop, phone. */
    private static final List<int[]> VIEWPORTS = List.of(new int[] {1280, 900}, new int[] {1440, 900},
            new int[] {390, 844});

    @TempDir
    Path temp;

    private PlaygroundFixture fixture;
    private dev.kontextbot.core.testing.TestScreening screening;
    private UnifiedJedis jedis;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start(UnifiedJedis jedis) throws Exception {
        this.jedis = jedis;
        fixture = PlaygroundFixture.start(jedis, Files.createDirectory(temp.resolve("bot")), PlaygroundFixture.loopback());
        // Point Selenium at Debian's driver so Selenium Manager never downloads anything.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createDirectory(temp.resolve("chromium-profile")), "--window-size=1440,1100",
                "--hide-scrollbars");
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, SseReader.PATIENCE);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (fixture != null) {
            fixture.close();
        }
        if (screening != null) {
            screening.close();
        }
    }

    @Test
    void forgetInThePageRetiresTheSessionAndThePageGoesOnWithANewOne() {
        driver.get(fixture.uri().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        fewSteps();
        send("a lighthouse at dusk");
        waitForNodes(1);
        String before = driver.manage().getCookieNamed(BrowserSessions.COOKIE).getValue();

        send("forget");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "again"));
        send("forget");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "Done"));
        // The page fetched a new session id on its own and emptied the tree.
        wait.until(d -> !before.equals(d.manage().getCookieNamed(BrowserSessions.COOKIE).getValue()));
        wait.until(d -> d.findElements(By.cssSelector("#tree .node")).isEmpty());

        // Its event stream reconnected on the new session (a new conversation, with its own settings): the next
        // result arrives.
        fewSteps();
        send("a red barn");
        assertThat(waitForNodes(1)).hasSize(1);
    }

    @Test
    void theReviewPageAsksForTheAdminTokenAndReleasesWithIt() {
        String admin = "browser-admin-token-1";
        fixture.close();
        fixture = null;
        screening = dev.kontextbot.core.testing.TestScreening.standIn(jedis, temp.resolve("bot"),
                java.util.Set.of("normal"), dev.kontextbot.core.safety.SafetyOptions.defaults(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        fixture = PlaygroundFixture.screened(jedis, temp.resolve("bot"),
                PlaygroundFixture.loopback().withAdminToken(java.util.Optional.of(admin)), screening.screening());
        driver.get(fixture.uri().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        fewSteps();
        send("a lighthouse at dusk");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "held this result back"));

        driver.get(fixture.uri().resolve("/review.html").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-login")));
        assertThat(driver.findElements(By.cssSelector(".review-item"))).isEmpty();
        driver.findElement(By.id("admin-token")).sendKeys(admin);
        driver.findElement(By.cssSelector("#admin-login button")).click();
        WebElement item = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".review-item")));
        assertThat(item.getAttribute("data-kind")).isEqualTo("result");
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('.review-item img'); return i.complete && i.naturalWidth > 0;")));
        item.findElement(By.cssSelector("button[data-action=release]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Released: v1"));
    }

    @Test
    void uploadEditCompareWithTheParentAndContinue() throws Exception {
        driver.get(fixture.uri().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(driver.findElement(By.id("standin-warning")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("license")).getText()).contains("License");

        fewSteps();

        // Drag and drop, and paste, attach a picture too (events built in the page, as the browser would send them).
        for (String kind : List.of("drop", "paste")) {
            ((JavascriptExecutor) driver).executeAsyncScript("""
                    const canvas = document.createElement('canvas');
                    canvas.width = canvas.height = 8;
                    const done = arguments[arguments.length - 1];
                    canvas.toBlob((blob) => {
                      const data = new DataTransfer();
                      data.items.add(new File([blob], arguments[0] + '.png', { type: 'image/png' }));
                      const event = arguments[0] === 'drop'
                        ? new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
                        : new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
                      document.body.dispatchEvent(event);
                      done();
                    }, 'image/png');
                    """.replace("arguments[0]", "'" + kind + "'"));
            wait.until(ExpectedConditions.textToBe(By.id("attachment-name"), kind + ".png"));
            driver.findElement(By.id("attachment-remove")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("attachment")));
        }

        // Upload a picture with the picker, with an instruction.
        Path picture = TestPictures.sunsetPngFile(temp, 512, 384);
        driver.findElement(By.id("file")).sendKeys(picture.toAbsolutePath().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("attachment")));
        send("add a small boat on the water");

        // The result arrives over SSE: two versions in the tree, the edit current.
        List<WebElement> nodes = waitForNodes(2);
        String original = nodes.get(0).getAttribute("data-version-id");
        String edit = nodes.get(1).getAttribute("data-version-id");
        wait.until(d -> edit.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id")));
        assertThat(driver.findElement(By.cssSelector(".node.current")).getAttribute("data-version-id")).isEqualTo(edit);
        assertThat(driver.findElement(By.id("log")).getText()).contains("add a small boat on the water");

        // Click the parent in the history: it becomes current and the comparison shows what the edit changed.
        driver.findElement(By.cssSelector(".node[data-version-id='" + original + "']")).click();
        wait.until(d -> original.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id")));
        WebElement compare = driver.findElement(By.id("compare"));
        wait.until(ExpectedConditions.visibilityOf(compare));
        wait.until(d -> edit.equals(compare.getAttribute("data-version-id")));
        assertThat(compare.getAttribute("data-parent-id")).isEqualTo(original);
        assertThat(driver.findElement(By.id("compare-before")).getAttribute("src")).endsWith("/api/versions/" + original + "/image");
        assertThat(driver.findElement(By.id("compare-after")).getAttribute("src")).endsWith("/api/versions/" + edit + "/image");
        assertThat(imageLoaded("compare-before")).isTrue();
        assertThat(imageLoaded("compare-after")).isTrue();

        // The slider moves the split between before and after.
        ((JavascriptExecutor) driver).executeScript(
                "const s = document.getElementById('compare-slider'); s.value = 20; s.dispatchEvent(new Event('input'));");
        assertThat(driver.findElement(By.id("compare-before")).getCssValue("clip-path")).contains("80%");

        // Back to the edit and one more step: a two-step history, compared with its parent.
        driver.findElement(By.cssSelector(".node[data-version-id='" + edit + "']")).click();
        wait.until(d -> edit.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id")));
        send("make the sky purple");
        List<WebElement> three = waitForNodes(3);
        String second = three.get(2).getAttribute("data-version-id");
        wait.until(d -> second.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id")));
        wait.until(d -> second.equals(d.findElement(By.id("compare")).getAttribute("data-version-id")));
        assertThat(driver.findElement(By.id("compare")).getAttribute("data-parent-id")).isEqualTo(edit);
        wait.until(d -> imageLoaded("current-image") && imageLoaded("compare-before") && imageLoaded("compare-after"));

        // Each edit shows a drift gauge against the original (the stand-in paints noise: far past the threshold),
        // with the figures in words in its tooltip; the original has none. The hint sits under the tree.
        WebElement gauge = wait.until(d -> d.findElements(By.cssSelector(".node[data-version-id='" + second + "'] .gauge"))
                .stream().findFirst().orElse(null));
        assertThat(gauge.isDisplayed()).isTrue();
        assertThat(gauge.getAttribute("class")).contains("past");
        assertThat(gauge.findElements(By.cssSelector(".bar"))).extracting(b -> b.getAttribute("data-key"))
                .containsExactly("colour", "detail");
        assertThat(gauge.findElement(By.cssSelector(".bar.past")).getSize().getWidth()).isPositive();
        assertThat(gauge.getAttribute("title")).contains("levels (of 255) on average since v1", "say 're-anchor'");
        assertThat(driver.findElements(By.cssSelector("#tree .node .gauge"))).hasSize(2);
        assertThat(driver.findElements(By.cssSelector(".node[data-version-id='" + original + "'] .gauge"))).isEmpty();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("drift-hint")));
        assertThat(driver.findElement(By.id("drift-hint-text")).getText()).contains("drifted since v1");

        // With three versions, a comparison and the settings on screen: no window size scrolls sideways.
        for (int[] size : VIEWPORTS) {
            assertFits(size[0], size[1]);
        }

        // The whole page in one picture at 1280x900, beyond the window's height (the DevTools protocol can,
        // WebDriver cannot).
        emulate(1280, 900);
        Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, Base64.getDecoder().decode((String) shot.get("data")));
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        if (Boolean.getBoolean("playground.refreshScreenshot")) {
            Files.copy(SCREENSHOT, DOCS_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        }

        // "Replay from the start" under the hint: both edits again as one edit of the original, a new branch.
        driver.findElement(By.id("replay")).click();
        wait.until(d -> d.findElement(By.id("log")).getText().contains("Replaying 2 edits from v1"));
        waitForNodes(4);
        WebElement replayed = wait.until(d -> d.findElements(By.cssSelector("#tree > ul > li > ul > li > .node"))
                .stream().filter(n -> n.getText().contains("v4")).findFirst().orElse(null));
        assertThat(replayed.getAttribute("title")).startsWith("add a small boat on the water, make the sky purple");
    }

    /** The page is as wide as the window, and every settings field is inside its card and the window. */
    @SuppressWarnings("unchecked")
    private void assertFits(int width, int height) {
        emulate(width, height);
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth;")).intValue() == width);
        Map<String, Object> layout = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("""
                const root = document.documentElement;
                const card = document.getElementById('settings').getBoundingClientRect();
                const clipped = [...document.querySelectorAll('#settings input, #settings select, #settings button')]
                  .filter((e) => { const r = e.getBoundingClientRect();
                                   return r.left < card.left - 0.5 || r.right > card.right + 0.5
                                       || r.right > window.innerWidth + 0.5; })
                  .map((e) => e.id || e.textContent.trim());
                return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, clipped: clipped };
                """);
        assertThat(((Number) layout.get("scrollWidth")).intValue()).as("page width at %dx%d", width, height)
                .isLessThanOrEqualTo(((Number) layout.get("clientWidth")).intValue());
        assertThat((List<Object>) layout.get("clipped")).as("settings fields cut off at %dx%d", width, height).isEmpty();
    }

    /** Sets the viewport through the DevTools protocol (a headless window cannot be made phone-narrow). */
    private void emulate(int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    @Test
    void aBoxDrawnOnThePictureLimitsTheEditToIt() throws Exception {
        driver.get(fixture.uri().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        fewSteps();
        Path picture = TestPictures.sunsetPngFile(temp, 512, 384);
        driver.findElement(By.id("file")).sendKeys(picture.toAbsolutePath().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("attachment")));
        driver.findElement(By.id("send")).click();
        String original = waitForNodes(1).getFirst().getAttribute("data-version-id");
        wait.until(d -> original.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id"))
                && imageLoaded("current-image"));

        // Drag a box over part of the picture, from left of the middle and above it, down and to the right.
        driver.findElement(By.id("region-toggle")).click();
        WebElement image = driver.findElement(By.id("current-image"));
        int w = image.getSize().getWidth();
        int h = image.getSize().getHeight();
        new Actions(driver).moveToElement(image, -w / 4, -h / 4).clickAndHold().moveByOffset(w / 3, h / 4)
                .release().perform();
        String drawn = wait.until(d -> d.findElement(By.id("region-box")).getAttribute("data-region"));
        int[] box = java.util.Arrays.stream(drawn.split(",")).mapToInt(Integer::parseInt).toArray();
        assertThat(box[2]).isGreaterThan(100);
        assertThat(box[3]).isGreaterThan(50);

        send("add a red balloon");
        List<WebElement> nodes = waitForNodes(2);
        String edit = nodes.get(1).getAttribute("data-version-id");
        wait.until(d -> edit.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id")));
        assertThat(driver.findElement(By.id("region-box")).isDisplayed()).isFalse();

        BufferedImage before = download(original);
        BufferedImage after = download(edit);
        assertThat(after.getWidth()).isEqualTo(512);
        assertThat(after.getHeight()).isEqualTo(384);
        int changedInside = 0;
        for (int y = 0; y < 384; y++) {
            for (int x = 0; x < 512; x++) {
                boolean inside = x >= box[0] && x < box[0] + box[2] && y >= box[1] && y < box[1] + box[3];
                boolean same = (before.getRGB(x, y) & 0xFFFFFF) == (after.getRGB(x, y) & 0xFFFFFF);
                if (!inside) {
                    assertThat(same).as("pixel %d,%d outside the box", x, y).isTrue();
                } else if (!same) {
                    changedInside++;
                }
            }
        }
        assertThat(changedInside).isGreaterThan(box[2] * box[3] / 2);
    }

    @Test
    void varyShowsNumberedTilesAndAPickButtonMakesThatOneCurrent() throws Exception {
        driver.get(fixture.uri().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        fewSteps();
        driver.findElement(By.id("file")).sendKeys(TestPictures.sunsetPngFile(temp, 256, 192).toAbsolutePath().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("attachment")));
        send("add a small boat on the water");
        waitForNodes(2);

        send("vary 2");
        List<WebElement> tiles = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#log .variations .variation"));
            return found.size() == 2 ? found : null;
        });
        assertThat(tiles).extracting(t -> t.findElement(By.className("variation-number")).getText())
                .containsExactly("1", "2");
        assertThat(tiles).allSatisfy(t -> assertThat(t.findElement(By.tagName("img")).getAttribute("src"))
                .contains("/api/versions/" + t.getAttribute("data-version-id") + "/image?thumb=1"));
        List<WebElement> nodes = waitForNodes(4);
        String second = tiles.get(1).getAttribute("data-version-id");
        String first = tiles.get(0).getAttribute("data-version-id");
        // The last one made is current until another is picked.
        wait.until(d -> second.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id")));
        wait.until(d -> tiles.stream().allMatch(t -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const i = arguments[0].querySelector('img'); return i.complete && i.naturalWidth > 0;", t))));
        // A look at the tiles for people (target/ only).
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.FILE)
                .toPath(), SCREENSHOT.resolveSibling("playground-variations.png"), StandardCopyOption.REPLACE_EXISTING);

        tiles.get(0).findElement(By.cssSelector("button.pick")).click();
        wait.until(d -> first.equals(d.findElement(By.id("current-image")).getAttribute("data-version-id")));
        wait.until(d -> first.equals(d.findElement(By.cssSelector(".node.current")).getAttribute("data-version-id")));
        // The other stays in the tree as a sibling.
        assertThat(driver.findElements(By.cssSelector("#tree .node"))).hasSize(nodes.size())
                .anySatisfy(n -> assertThat(n.getAttribute("data-version-id")).isEqualTo(second));
    }

    /** Few steps keep the stand-in edits short (and exercise the settings form). */
    private void fewSteps() {
        WebElement steps = driver.findElement(By.id("steps"));
        steps.clear();
        steps.sendKeys("2");
        driver.findElement(By.cssSelector("#settings button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("settings-status"), "Saved"));
        assertThat(driver.findElement(By.id("steps")).getAttribute("value")).isEqualTo("2");
    }

    /** A version's picture as the page fetches it. */
    private BufferedImage download(String versionId) throws java.io.IOException {
        Object base64 = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/versions/' + arguments[0] + '/image').then((r) => r.blob()).then((blob) => {
                  const reader = new FileReader();
                  reader.onload = () => done(reader.result.split(',')[1]);
                  reader.readAsDataURL(blob);
                });
                """, versionId);
        return ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode((String) base64)));
    }

    private void send(String instruction) {
        WebElement box = driver.findElement(By.id("instruction"));
        box.sendKeys(instruction);
        driver.findElement(By.id("send")).click();
        wait.until(d -> d.findElement(By.id("instruction")).getAttribute("value").isEmpty());
    }

    private List<WebElement> waitForNodes(int count) {
        return wait.until(d -> {
            List<WebElement> nodes = d.findElements(By.cssSelector("#tree .node"));
            return nodes.size() >= count ? nodes : null;
        });
    }

    private boolean imageLoaded(String id) {
        Object ok = ((JavascriptExecutor) driver).executeScript(
                "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth > 0;", id);
        return Boolean.TRUE.equals(ok);
    }
}
