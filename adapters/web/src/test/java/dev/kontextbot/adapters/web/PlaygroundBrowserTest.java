package dev.kontextbot.adapters.web;

import dev.kontextbot.conversation.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground in headless Chromium against the real bot with the stand-in model: upload a picture with an
 * instruction, wait for the result, click the parent in the history and see the comparison; then a second step,
 * and a screenshot of the page for docs/playground.png.
 */
@ExtendWith(RedisServerExtension.class)
class PlaygroundBrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Where the screenshot goes: the repository's docs folder (the module runs in adapters/web). */
    private static final Path SCREENSHOT = Path.of("..", "..", "docs", "playground.png");

    @TempDir
    Path temp;

    private PlaygroundFixture fixture;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start(UnifiedJedis jedis) throws Exception {
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
        Path picture = TestImages.pngFile(temp, 512, 384);
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

        // The whole page in one picture, beyond the window's height (the DevTools protocol can, WebDriver cannot).
        Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, Base64.getDecoder().decode((String) shot.get("data")));
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    @Test
    void aBoxDrawnOnThePictureLimitsTheEditToIt() throws Exception {
        driver.get(fixture.uri().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        fewSteps();
        Path picture = TestImages.pngFile(temp, 512, 384);
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
