package io.sftpsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for a test class, driven by Selenium through Debian's {@code chromium} and
 * {@code chromium-driver} packages (never a downloaded browser or driver). One browser per class, with a private
 * profile, closed afterwards; when a test fails, its screenshot, page source and browser console are saved under
 * {@code target/browser/}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Browser browser = new Browser();
 * ... browser.open("http://127.0.0.1:" + port + "/"); browser.find(By.id("username")).sendKeys("otto"); ...
 * }</pre>
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    /**
     * Where Debian's packages put them; the system properties {@code browser.chromium} and
     * {@code browser.chromedriver} point elsewhere.
     */
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path EVIDENCE = Path.of("target", "browser");

    private final Path chromium;
    private final Path chromedriver;
    private ChromeDriver driver;
    private Path profile;

    public Browser() {
        this(Path.of(System.getProperty("browser.chromium", CHROMIUM)),
                Path.of(System.getProperty("browser.chromedriver", CHROMEDRIVER)));
    }

    Browser(Path chromium, Path chromedriver) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        for (Path binary : new Path[] {chromium, chromedriver}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the browser tests need Debian's Chromium and"
                        + " its driver, apt-get install chromium chromium-driver (.ci/run installs them)");
            }
        }
        profile = Files.createTempDirectory("browser-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--window-size=1280,900", "--user-data-dir=" + profile,
                // Containers give /dev/shm a few MiB; Chromium then crashes on bigger pages.
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions");
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to start its sandbox as root.
            options.addArguments("--no-sandbox");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // An explicit driver executable: Selenium Manager never runs, nothing is downloaded.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            deleteProfile();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver != null) {
            saveEvidence(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        }
    }

    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("the browser runs only inside its test class: register it with"
                    + " @RegisterExtension on a static field");
        }
        return driver;
    }

    /** Loads a URL and waits until the document has loaded. */
    public void open(String url) {
        driver().get(url);
    }

    /**
     * Waits up to 10 s for a condition and returns its value, e.g.
     * {@code waitUntil(ExpectedConditions.urlContains("/login"))} or {@code waitUntil(d -> counter.get() > 2)}.
     */
    public <T> T waitUntil(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver(), WAIT).until(condition);
    }

    /** The element, once it is visible (up to 10 s). */
    public WebElement find(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element shows the text (as a part of its visible text). */
    public WebElement waitForText(By by, String text) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver().findElement(by);
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver().switchTo().activeElement();
    }

    /** Types keys into whatever has the focus, as a person at the keyboard does. */
    public void type(CharSequence... keys) {
        focused().sendKeys(keys);
    }

    /** Saves a screenshot, the page source and the browser console as target/browser/{name}.*. */
    public void saveEvidence(String name) {
        try {
            Files.createDirectories(EVIDENCE);
            Files.write(EVIDENCE.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(EVIDENCE.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"));
            Files.writeString(EVIDENCE.resolve(name + ".console.txt"), console, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // Evidence is a help, never the reason a test fails.
            System.err.println("could not save the browser's evidence for " + name + ": " + e);
        }
    }

    private void deleteProfile() throws IOException {
        if (profile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            profile = null;
        }
    }
}
