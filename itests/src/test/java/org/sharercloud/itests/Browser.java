package org.sharercloud.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven headless by Selenium through Debian's chromedriver, with a fresh profile
 * each time. {@link #available()} says why not when they are missing; in CI that is a failure.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("sharer.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("sharer.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;
    private final Path shots;
    private final String base;

    public Browser(String base, Path shots, Path downloads) throws IOException {
        this.base = base;
        this.shots = Files.createDirectories(shots);
        this.profile = Files.createTempDirectory("sharer-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--disable-dev-shm-usage");
        o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    /** Null when chromium and chromedriver are there, else why not. */
    public static String missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return CHROMIUM + " is missing (apt-get install chromium)";
        }
        if (!Files.isExecutable(DRIVER)) {
            return DRIVER + " is missing (apt-get install chromium-driver)";
        }
        return null;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String hash) {
        driver.get(base + "/" + hash);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits (bounded) until the element is there and shown. */
    public WebElement await(String css, long millis) {
        return new WebDriverWait(driver, Duration.ofMillis(millis)).withMessage("waiting for " + css + " on " + driver.getCurrentUrl())
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Clicks the element, finding it again while live updates replace it (bounded). */
    public void click(String css, long millis) {
        new WebDriverWait(driver, Duration.ofMillis(millis)).withMessage("clicking " + css).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    /** Waits (bounded) until the element's text contains {@code text}. */
    public WebElement awaitText(String css, String text, long millis) {
        return new WebDriverWait(driver, Duration.ofMillis(millis))
                .withMessage(() -> "waiting for '" + text + "' in " + css + "; page says: " + bodyText())
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null));
    }

    public String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no page: " + e.getMessage() + ")";
        }
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Sets a field's value the way a paste would (fast for long or multi-line text). */
    public void set(String css, String value) {
        js("const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true}));", css, value);
    }

    public void size(int w, int h) {
        driver.manage().window().setSize(new Dimension(w, h));
    }

    /** A full-page screenshot as {@code target/…/name.png}. */
    public Path shot(String name) throws IOException {
        Object height = js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        Dimension before = driver.manage().window().getSize();
        int h = Math.min(4000, Math.max(before.getHeight(), ((Number) height).intValue() + 120));
        driver.manage().window().setSize(new Dimension(before.getWidth(), h));
        try {
            Path p = shots.resolve(name + ".png");
            Files.write(p, driver.getScreenshotAs(OutputType.BYTES));
            return p;
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** A screenshot of the window as it is (for pages much longer than what matters at their top). */
    public Path shotOfWindow(String name) throws IOException {
        Path p = shots.resolve(name + ".png");
        Files.write(p, driver.getScreenshotAs(OutputType.BYTES));
        return p;
    }

    /** Emulates the system's dark (or light) colour scheme. */
    public void darkMode(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
