package io.sftpsync.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.anomaly.detect.AnomalyType;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.Browser;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Anomalies tab as an operator and a viewer use it, in headless Chromium against the service of
 * {@link AnomalyContext} (the same Spring context, broker and database as {@link AnomalyServiceIT}). Anomalies come
 * from real events on the broker (a path's normal versions then a 15× one, a future mtime, an old file) or, where
 * only the list matters, straight from the store. Every test works under its own path prefix and filters by it, so
 * the other tests' anomalies never show.
 */
class AnomaliesPageBrowserIT extends AnomalyContext {

    static final long KiB = 1L << 10;
    static final long GiB = 1L << 30;

    @RegisterExtension
    static final Browser browser = new Browser();

    @AfterEach
    void forgetTheSession() {
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void anOperatorSeesTheNewestFirstFiltersByTypeAndSeverityAndAcknowledges() throws Exception {
        String growthPath = "ui-list/growth/report.csv";
        String futurePath = "ui-list/future/clock.txt";
        String oldPath = "ui-list/old/archive.txt";
        Instant start = Instant.now().minus(20, ChronoUnit.DAYS);
        UUID scan = UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            send(Topics.FILES_SMALL, growthPath, discovery(scan, growthPath, 1_000, start.plus(i, ChronoUnit.DAYS)));
        }
        send(Topics.FILES_SMALL, growthPath, discovery(scan, growthPath, 15_000, start.plus(10, ChronoUnit.DAYS)));
        String growth = onlyId(growthPath);
        send(Topics.FILES_SMALL, futurePath, discovery(scan, futurePath, 10, Instant.now().plus(2, ChronoUnit.DAYS)));
        String future = onlyId(futurePath);
        send(Topics.FILES_SMALL, oldPath, discovery(scan, oldPath, 10, Instant.now().minus(400, ChronoUnit.DAYS)));
        String old = onlyId(oldPath);

        logIn("otto", "otto-pw");
        // The type filter offers every type the service knows.
        assertThat(new Select(browser.find(By.id("anomaly-type"))).getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactlyElementsOf(concat("", Arrays.stream(AnomalyType.values()).map(Enum::name).toList()));
        filterByPath("ui-list/");
        awaitRows(old, future, growth);
        assertThat(cells("type")).containsExactly("OLD_FILE", "FUTURE_TIMESTAMP", "SIZE_GROWTH");
        assertThat(cells("severity")).containsExactly("INFO", "CRITICAL", "CRITICAL");
        assertThat(row(growth).findElement(By.cssSelector(".severity .badge")).getAttribute("class")).contains("fail");
        assertThat(row(old).findElement(By.cssSelector(".severity .badge")).getAttribute("class")).contains("info");
        assertThat(cells("path")).containsExactly(oldPath, futurePath, growthPath);
        assertThat(row(growth).findElement(By.cssSelector(".what")).getText()).contains("15.0×");
        assertThat(row(growth).findElement(By.cssSelector(".acknowledged")).getText()).isEmpty();

        Select type = new Select(browser.find(By.id("anomaly-type")));
        Select severity = new Select(browser.find(By.id("anomaly-severity")));
        type.selectByValue("SIZE_GROWTH");
        awaitRows(growth);
        type.selectByValue("");
        severity.selectByValue("CRITICAL");
        awaitRows(future, growth);
        severity.selectByValue("INFO");
        awaitRows(old);
        severity.selectByValue("");
        awaitRows(old, future, growth);

        WebElement acknowledge = row(growth).findElement(By.name("acknowledge"));
        assertThat(acknowledge.isDisplayed()).isTrue();
        acknowledge.click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElement(
                row(growth).findElement(By.cssSelector(".acknowledged")), "otto, "));
        assertThat(row(growth).findElement(By.name("acknowledge")).isDisplayed()).isFalse();
        assertThat(browser.waitForText(By.id("message"), "acknowledged").getText())
                .contains("SIZE_GROWTH of " + growthPath + ": acknowledged.");
        HttpResponse<String> shown = viewer.get("/api/anomalies/" + growth);
        assertThat(read(shown, "$.acknowledgedBy", String.class)).isEqualTo("otto");
        assertThat(row(old).findElement(By.name("acknowledge")).isDisplayed()).isTrue();

        // The acknowledged filter: what still waits for a look.
        new Select(browser.find(By.id("anomaly-acknowledged"))).selectByValue("false");
        awaitRows(old, future);
    }

    @Test
    void aViewerSeesTheAnomaliesWithoutTheAcknowledgeButton() throws Exception {
        String id = storeAnomaly("ui-viewer/look.csv", "SIZE_SHRINK", "WARNING", Instant.now());
        logIn("vera", "viewer-pw");
        filterByPath("ui-viewer/");
        awaitRows(id);

        assertThat(row(id).findElement(By.cssSelector(".severity .badge")).getAttribute("class")).contains("warn");
        assertThat(browser.driver().findElements(By.cssSelector("#view-anomalies button[name=acknowledge]"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#anomaly-list th"))).extracting(WebElement::getText)
                .containsExactly("Detected", "Type", "Severity", "Path", "What", "Acknowledged");
        assertThat(browser.find(By.cssSelector("#view-anomalies p.muted")).getText())
                .contains("acknowledging needs the operator role");
    }

    @Test
    void acknowledgingWhatAnotherOperatorAcknowledgedMeanwhileShowsTheConflict() throws Exception {
        logIn("otto", "otto-pw");
        filterByPath("ui-conflict/");
        // olga acknowledges through the API while otto's page still offers the button; the page's next refresh
        // (every 2 s) would hide it, so an attempt that refresh overtook is repeated with another anomaly.
        for (int attempt = 1; ; attempt++) {
            String path = "ui-conflict/" + attempt + ".csv";
            String id = storeAnomaly(path, "OLD_FILE", "INFO", Instant.now());
            browser.waitUntil(d -> rowIds().contains(id));
            WebElement acknowledge = row(id).findElement(By.name("acknowledge"));
            assertThat(operator2.post("/api/anomalies/" + id + "/acknowledge", null).statusCode()).isEqualTo(200);
            try {
                acknowledge.click();
            } catch (ElementNotInteractableException | StaleElementReferenceException e) {
                assertThat(attempt).as("the refresh overtook every attempt").isLessThan(3);
                continue;
            }
            WebElement message = browser.waitForText(By.id("message"), "already acknowledged");
            assertThat(message.getText()).contains("OLD_FILE of " + path + " was already acknowledged by olga at ");
            assertThat(message.getAttribute("class")).contains("error");
            browser.waitUntil(ExpectedConditions.textToBePresentInElement(
                    row(id).findElement(By.cssSelector(".acknowledged")), "olga, "));
            assertThat(read(viewer.get("/api/anomalies/" + id), "$.acknowledgedBy", String.class)).isEqualTo("olga");
            return;
        }
    }

    @Test
    void pagesTurnThroughTheListNewestFirst() throws Exception {
        Instant now = Instant.now();
        String[] ids = new String[12];
        for (int i = 0; i < ids.length; i++) {
            // ids[0] is the oldest
            ids[i] = storeAnomaly("ui-pages/" + i + ".csv", "LATE_ARRIVAL", "WARNING", now.minusSeconds(100 - i));
        }
        logIn("vera", "viewer-pw");
        filterByPath("ui-pages/");
        new Select(browser.find(By.id("anomaly-page-size"))).selectByValue("10");
        awaitRows(ids[11], ids[10], ids[9], ids[8], ids[7], ids[6], ids[5], ids[4], ids[3], ids[2]);
        assertThat(browser.find(By.cssSelector(".page-text")).getText()).isEqualTo("1–10 of 12");
        assertThat(browser.find(By.name("previous")).isEnabled()).isFalse();

        browser.find(By.name("next")).click();
        awaitRows(ids[1], ids[0]);
        browser.waitForText(By.cssSelector(".page-text"), "11–12 of 12");
        assertThat(browser.find(By.name("next")).isEnabled()).isFalse();
        browser.find(By.name("previous")).click();
        awaitRows(ids[11], ids[10], ids[9], ids[8], ids[7], ids[6], ids[5], ids[4], ids[3], ids[2]);
    }

    @Test
    void aPathOpensItsHistoryWithOnePointPerVersionOnALogScaleItsTransfersAndApprovals() throws Exception {
        String path = "ui-history/big/dump.bin";
        Instant start = Instant.now().minus(20, ChronoUnit.DAYS);
        UUID scan = UUID.randomUUID();
        FileDiscovered last = null;
        for (int i = 0; i <= 10; i++) {
            last = discovery(scan, path, i < 10 ? KiB : GiB, start.plus(i, ChronoUnit.DAYS));
            send(Topics.FILES_SMALL, path, last);
        }
        send(Topics.RESULTS, path, TransferResult.succeeded(last, GiB, 12_000, null, 1, 0, null));
        // The 1 GiB version also waited for a person, as the approval service reports it.
        Instant now = Instant.now();
        FileDiscovered oversized = FileDiscovered.of(scan, path, GiB, last.sourceMtime(), null, null,
                SyncReason.MISSING, SizeClass.OVERSIZED, now.minusSeconds(120));
        send(Topics.APPROVALS, path, ApprovalRequested.of("ui-ap-1", oversized, now.minusSeconds(60)));
        send(Topics.APPROVALS, path, new ApprovalDecided(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                "ui-ap-1", path, GiB, "APPROVED", TransferStrategy.SPLIT, 1L << 28, "otto", "split for the slow link",
                now));
        awaitStored(path, 1);
        awaitHistory(path, 11, 1);
        browser.waitUntil(d -> jdbc.queryForObject("SELECT count(*) FROM anomaly.approvals WHERE path = ?",
                Long.class, path) == 2);

        logIn("otto", "otto-pw");
        filterByPath("ui-history/big/");
        browser.waitUntil(d -> !rowIds().isEmpty());
        browser.find(By.cssSelector("#anomaly-list .path-link")).click();

        WebElement history = browser.find(By.id("anomaly-history"));
        browser.waitForText(By.id("anomaly-history-title"), "History of " + path);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("anomaly-history-title");
        WebElement chart = browser.find(By.cssSelector("#anomaly-history svg.size-chart"));
        assertThat(chart.findElements(By.cssSelector("circle.point"))).hasSize(11);
        assertThat(chart.getAttribute("data-scale")).isEqualTo("log");
        assertThat(chart.findElements(By.cssSelector(".tick text"))).extracting(WebElement::getText)
                .contains("1.0 KiB", "1.0 MiB", "1.0 GiB");
        assertThat(chart.getAttribute("aria-label")).contains("11 versions from 1.0 KiB to 1.0 GiB, log scale");
        assertThat(history.findElements(By.cssSelector("table.transfers tbody tr"))).hasSize(1);
        assertThat(history.findElement(By.cssSelector("table.transfers .status")).getText()).isEqualTo("SUCCEEDED");
        assertThat(history.findElement(By.cssSelector("table.transfers .bytes")).getText()).isEqualTo("1.0 GiB");
        assertThat(history.findElements(By.cssSelector("table.approvals tbody tr"))).hasSize(2);
        WebElement decision = history.findElement(By.cssSelector("table.approvals tbody tr"));
        assertThat(decision.findElement(By.cssSelector(".outcome")).getText()).isEqualTo("APPROVED");
        assertThat(decision.findElement(By.cssSelector(".strategy")).getText()).isEqualTo("SPLIT");
        assertThat(decision.findElement(By.cssSelector(".by")).getText()).isEqualTo("otto");
        assertThat(decision.findElement(By.cssSelector(".comment")).getText()).isEqualTo("split for the slow link");

        // Sizes within an order of magnitude: a linear scale from 0, one point per version.
        String small = "ui-history/small/report.csv";
        for (int i = 0; i < 3; i++) {
            send(Topics.FILES_SMALL, small, discovery(scan, small, 1_000 + 100 * i, start.plus(i, ChronoUnit.DAYS)));
        }
        awaitHistory(small, 3, 0);
        String smallId = storeAnomaly(small, "SIZE_GROWTH", "WARNING", Instant.now());
        WebElement search = browser.find(By.id("anomaly-path"));
        search.clear();
        search.sendKeys("ui-history/small/");
        awaitRows(smallId);
        // By keyboard this time.
        row(smallId).findElement(By.cssSelector(".path-link")).sendKeys(Keys.ENTER);
        browser.waitForText(By.id("anomaly-history-title"), "History of " + small);
        WebElement linear = browser.find(By.cssSelector("#anomaly-history svg.size-chart"));
        assertThat(linear.getAttribute("data-scale")).isEqualTo("linear");
        assertThat(linear.findElements(By.cssSelector("circle.point"))).hasSize(3);
        assertThat(browser.driver().findElements(By.cssSelector("#anomaly-history p.empty")))
                .extracting(WebElement::getText)
                .containsExactly("No transfers of this path are recorded.", "No approvals of this path are recorded.");

        browser.find(By.name("close-history")).sendKeys(Keys.ENTER);
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("anomaly-history")));
        assertThat(browser.focused().getText()).as("the focus is back on the path that opened it").isEqualTo(small);
    }

    @Test
    void aHostilePathIsShownAsText() throws Exception {
        String path = "ui-xss/<img src=x onerror=\"document.title='pwned'\">.txt";
        send(Topics.FILES_SMALL, path, discovery(UUID.randomUUID(), path, 10,
                Instant.now().minus(400, ChronoUnit.DAYS)));
        String id = onlyId(path);

        logIn("otto", "otto-pw");
        filterByPath("ui-xss/");
        awaitRows(id);
        assertThat(row(id).findElement(By.cssSelector(".path")).getText()).isEqualTo(path);
        row(id).findElement(By.cssSelector(".path-link")).click();
        browser.waitForText(By.id("anomaly-history-title"), "History of " + path);
        assertThat(browser.find(By.cssSelector("#anomaly-history svg.size-chart"))
                .findElements(By.cssSelector("circle.point"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("#view-anomalies img"))).isEmpty();
        assertThat(browser.driver().getTitle()).isEqualTo("sftp-sync");
    }

    // --- helpers

    /** Through the form, by keyboard as a person does; the Anomalies tab is the page's first (and only) one. */
    private void logIn(String user, String password) {
        browser.open("http://127.0.0.1:" + port + "/");
        browser.waitUntil(ExpectedConditions.urlContains("/login"));
        browser.find(By.id("username"));
        browser.type(user, Keys.TAB, password, Keys.ENTER);
        browser.find(By.id("anomaly-list"));
        assertThat(browser.find(By.id("tab-anomalies")).getAttribute("aria-selected")).isEqualTo("true");
    }

    private void filterByPath(String part) {
        browser.find(By.id("anomaly-path")).click();
        browser.type(part);
    }

    /** The ids of the rows the list shows, top to bottom (read in one go: a refresh may replace rows meanwhile). */
    @SuppressWarnings("unchecked")
    private static List<String> rowIds() {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return [...document.querySelectorAll('#anomaly-list tbody tr')].map(r => r.dataset.anomalyId)");
    }

    /** The text of one column's cells, top to bottom. */
    @SuppressWarnings("unchecked")
    private static List<String> cells(String column) {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return [...document.querySelectorAll('#anomaly-list tbody td.' + arguments[0])]"
                        + ".map(c => c.textContent)", column);
    }

    private static void awaitRows(String... ids) {
        List<String> expected = List.of(ids);
        browser.waitUntil(d -> rowIds().equals(expected));
    }

    private static WebElement row(String id) {
        return browser.find(By.cssSelector("#anomaly-list tr[data-anomaly-id='" + id + "']"));
    }

    /** The one anomaly of the path, once it is stored. */
    private String onlyId(String path) throws InterruptedException {
        awaitStored(path, 1);
        List<String> ids = jdbc.queryForList("SELECT id FROM anomaly.anomalies WHERE path = ?", String.class, path);
        assertThat(ids).as("anomalies of " + path).hasSize(1);
        return ids.get(0);
    }

    /** Waits until the history API has the path's versions and transfers. */
    private void awaitHistory(String path, int versions, int transfers) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            HttpResponse<String> history = viewer.get("/api/files/history?path=" + encode(path));
            if (read(history, "$.versions.length()", Integer.class) == versions
                    && read(history, "$.transfers.length()", Integer.class) == transfers) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the history of " + path + " is " + history.body() + " after " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
