package org.smtpplus.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless chromium driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}, which .ci/run installs): a real browser for the dashboard's pages. Started with the flags
 * that keep it from calling Google's hosts, which this machine's closed network refuses.
 */
final class Browser implements AutoCloseable {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Dimension WIDE = new Dimension(1280, 900);
    static final Dimension NARROW = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        Path profile = Files.createTempDirectory("smtpplus-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--user-data-dir=" + profile, "--window-size=" + WIDE.getWidth() + "," + WIDE.getHeight());
        options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString(),
            "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens the dashboard at {@code url} and waits until its first view has loaded. */
    void open(String url) {
        driver.get(url);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> (Boolean) script(
            "const view = document.querySelector('[data-view]:not([hidden])');"
                + "return view !== null && view.dataset.loaded !== undefined && !view.hasAttribute('aria-busy');"));
    }

    /** Opens the dashboard's view {@code name} (its #fragment) and waits until the view has loaded once more. */
    WebElement view(String name) {
        WebElement view = driver.findElement(By.cssSelector("[data-view='" + name + "']"));
        int before = loads(view);
        // The page loads a view when the address names it; when it already does, the same event loads it again.
        driver.executeScript("if (location.hash === '#' + arguments[0]) { window.dispatchEvent(new HashChangeEvent('hashchange')); }"
            + " else { location.hash = arguments[0]; }", name);
        return awaitLoad(view, before);
    }

    /** Runs {@code action} in the view, then waits until the view has loaded again. */
    WebElement reloadingAfter(WebElement view, Runnable action) {
        int before = loads(view);
        action.run();
        return awaitLoad(view, before);
    }

    private WebElement awaitLoad(WebElement view, int before) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
            .until(() -> loads(view) > before && view.getAttribute("aria-busy") == null);
        return view;
    }

    private static int loads(WebElement view) {
        String loaded = view.getAttribute("data-loaded");
        return loaded == null ? 0 : Integer.parseInt(loaded);
    }

    /** The file the page downloaded under {@code name}, once it is complete. */
    Path downloaded(String name) {
        Path file = profile.resolve("downloads").resolve(name);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> Files.isRegularFile(file));
        return file;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Lays the page out as a phone of {@code size} shows it (the DevTools protocol's device metrics). */
    void emulate(Dimension size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(),
            "height", size.getHeight(), "deviceScaleFactor", 1, "mobile", true));
    }

    /** Back to the window's own size. */
    void stopEmulating() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** A PNG of the whole page, beyond the window's height too (the DevTools protocol's Page.captureScreenshot). */
    byte[] screenshot() {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** What the page wrote to the console at level SEVERE since the last call: errors, CSP refusals among them. */
    List<String> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .collect(Collectors.toList());
    }

    @Override
    public void close() {
        driver.quit();
        try {
            MoreFiles.deleteRecursively(profile, RecursiveDeleteOption.ALLOW_INSECURE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
