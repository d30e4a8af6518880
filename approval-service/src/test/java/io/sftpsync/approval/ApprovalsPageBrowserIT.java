package io.sftpsync.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.Browser;
import io.sftpsync.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Approvals tab as an operator and a viewer use it, in headless Chromium against the service of
 * {@link ApprovalContext} (the same Spring context, broker and database as {@link ApprovalServiceIT}): a pending
 * file approved with SPLIT by keyboard runs and reaches DONE on the page as the transfer's events arrive; a reject
 * needs a reason and shows it; a refused decision (the two-person rule; another operator's reject meanwhile)
 * shows the API's problem detail; a failed transfer is retried; a file the risk gate held shows its anomaly;
 * a viewer sees the queue without the controls.
 */
class ApprovalsPageBrowserIT extends ApprovalContext {

    @RegisterExtension
    static final Browser browser = new Browser();

    @AfterEach
    void forgetTheSession() {
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void anOperatorApprovesSplitByKeyboardAndSeesProgressThenDone() throws Exception {
        String path = "page/split me.bin";
        String id = create(path, 20 * GiB);
        logIn("otto", "otto-pw");

        WebElement row = browser.find(pending(id));
        assertThat(row.findElement(By.cssSelector(".path")).getText()).isEqualTo(path);
        assertThat(row.findElement(By.cssSelector(".size")).getText()).isEqualTo("20.0 GiB");
        assertThat(row.findElement(By.cssSelector(".age")).getText()).matches("just now|\\d+ s ago");
        WebElement partSize = row.findElement(By.name("partSize"));
        assertThat(partSize.isDisplayed()).as("the part size is only for SPLIT").isFalse();

        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            // The strategy by mouse, the rest by keyboard: the part size field appears, Enter submits.
            new Select(row.findElement(By.name("strategy"))).selectByValue("SPLIT");
            browser.waitUntil(ExpectedConditions.visibilityOf(partSize));
            assertThat(browser.driver().findElement(By.cssSelector("label[for='" + partSize.getAttribute("id")
                    + "']")).getText()).isEqualTo("Part size");
            partSize.click();
            browser.type("2 MiB", Keys.TAB);
            assertThat(browser.focused().getAttribute("name")).isEqualTo("comment");
            browser.type("sink has a 4 MB limit", Keys.ENTER);

            browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(pending(id)));
            assertThat(browser.waitForText(By.id("message"), "approved with").getText())
                    .contains(path + ": approved with SPLIT (2.0 MiB parts)");
            WebElement decided = browser.find(decided(id));
            awaitState(decided, "APPROVED");
            assertThat(decided.findElement(By.cssSelector(".strategy")).getText()).isEqualTo("SPLIT (2.0 MiB parts)");
            assertThat(decided.findElement(By.cssSelector(".decided-by")).getText()).isEqualTo("otto");
            assertThat(decided.findElement(By.cssSelector(".comment")).getText()).isEqualTo("sink has a 4 MB limit");

            FileDiscovered record = onlyRecord(large, path);
            assertThat(record.approval().strategy()).isEqualTo(TransferStrategy.SPLIT);
            assertThat(record.approval().partSize()).isEqualTo(2L << 20);

            send(Topics.PROGRESS, path, new TransferProgress(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                    record.eventId(), path, 5 * GiB, 20 * GiB, 2560, 10240, 100.0 * (1 << 20), 153L,
                    Instant.now()));
            WebElement running = browser.find(By.cssSelector("#approvals-running tr[data-approval-id='" + id + "']"));
            browser.waitUntil(ExpectedConditions.textToBePresentInElement(
                    running.findElement(By.cssSelector(".progress-bytes")), "5.0 GiB of 20.0 GiB (25 %)"));
            assertThat(running.findElement(By.cssSelector(".progress-rate")).getText()).isEqualTo("100 MiB/s");
            assertThat(running.findElement(By.cssSelector(".progress-eta")).getText()).isEqualTo("2 min 33 s");
            assertThat(running.findElement(By.tagName("progress")).getAttribute("value"))
                    .isEqualTo(String.valueOf(5 * GiB));
            awaitState(browser.find(decided(id)), "IN_PROGRESS");

            send(Topics.RESULTS, path, TransferResult.succeeded(record, 20 * GiB, 200_000, "ab", 10240, 0, null));
            awaitState(browser.find(decided(id)), "DONE");
            browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(
                    By.cssSelector("#approvals-running tr[data-approval-id='" + id + "']")));
            assertThat(browser.find(decided(id)).findElement(By.cssSelector(".outcome")).getText())
                    .startsWith("SUCCEEDED");
        }
    }

    /**
     * A file the risk gate held shows its anomaly under the path (the severity badge, the type and the sentence,
     * as text), offers no strategy, and Approve runs it as its own class does.
     */
    @Test
    void aHeldFileShowsItsAnomalyAndIsApprovedWithoutAStrategyChoice() throws Exception {
        String path = "page/held <b>shrunk</b>.csv";
        String sentence = "100 KiB is a tenth of the median 1.0 MiB of the last 10 versions";
        FileDiscovered discovery = FileDiscovered.of(UUID.randomUUID(), path, 100 << 10, mtime(), null, null,
                SyncReason.MISSING, SizeClass.SMALL, Instant.now());
        send(Topics.FILES_HELD, path, FileHeld.of(discovery, "anomaly-page", "SIZE_SHRINK", "CRITICAL", sentence,
                0.9, Instant.now()));
        String id = awaitApproval(path);
        logIn("otto", "otto-pw");

        WebElement row = browser.find(pending(id));
        WebElement held = row.findElement(By.cssSelector(".path .held"));
        assertThat(held.findElement(By.cssSelector(".badge")).getText()).isEqualTo("CRITICAL");
        assertThat(held.findElement(By.cssSelector(".held-type")).getText()).isEqualTo("held: SIZE_SHRINK");
        assertThat(held.findElement(By.cssSelector(".held-sentence")).getText()).isEqualTo(sentence);
        assertThat(row.findElement(By.cssSelector(".path code")).getText()).isEqualTo(path);
        assertThat(row.findElements(By.cssSelector("select[name=strategy]"))).isEmpty();

        try (TopicReader small = new TopicReader(brokers, Topics.FILES_SMALL)) {
            row.findElement(By.cssSelector("button[name=approve]")).click();
            assertThat(browser.waitForText(By.id("message"), "approved with").getText())
                    .contains(path + ": approved with CHUNKED");
            WebElement decided = browser.find(decided(id));
            awaitState(decided, "APPROVED");
            assertThat(decided.findElement(By.cssSelector(".held-sentence")).getText()).isEqualTo(sentence);
            FileDiscovered record = onlyRecord(small, path);
            assertThat(record.approval().strategy()).isEqualTo(TransferStrategy.CHUNKED);
            assertThat(record.sizeClass()).isEqualTo(SizeClass.SMALL);
        }
    }

    @Test
    void anOperatorRejectsWithAReasonAndSeesItInTheDecisions() throws Exception {
        String path = "page/reject me.bin";
        String id = create(path, 30 * GiB);
        logIn("otto", "otto-pw");

        WebElement row = browser.find(pending(id));
        row.findElement(By.name("reason")).click();
        browser.type("not ours to copy", Keys.ENTER);

        awaitState(browser.find(decided(id)), "REJECTED");
        assertThat(browser.find(decided(id)).findElement(By.cssSelector(".comment")).getText())
                .isEqualTo("not ours to copy");
        assertThat(state(id)).isEqualTo("REJECTED");
        assertThat(browser.driver().findElements(pending(id))).isEmpty();
    }

    @Test
    void aRefusedDecisionShowsTheProblemDetail() throws Exception {
        // Above the two-person threshold (1 TB): otto approved through the API; approving again is refused.
        String path = "page/two people.tar";
        String id = create(path, 2048 * GiB);
        HttpResponse<String> first = operator.post("/api/approvals/" + id + "/approve",
                "{\"strategy\":\"SPLIT\",\"partSize\":\"1 GiB\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        logIn("otto", "otto-pw");

        WebElement row = browser.find(pending(id));
        browser.waitUntil(ExpectedConditions.textToBePresentInElement(row.findElement(By.cssSelector(".two-person")),
                "approved by you, needs a second operator; chose SPLIT (1.0 GiB parts)"));
        // The second operator is offered the first one's choice.
        assertThat(new Select(row.findElement(By.name("strategy"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("SPLIT");
        assertThat(row.findElement(By.name("partSize")).getAttribute("value")).isEqualTo("1 GiB");

        row.findElement(By.cssSelector("button[name=approve]")).click();
        assertThat(browser.waitForText(By.id("message"), "already approved").getText())
                .contains("otto already approved");
        assertThat(browser.find(By.id("message")).getAttribute("class")).contains("error");
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(browser.find(pending(id)).isDisplayed()).isTrue();
    }

    @Test
    void approvingWhatAnotherOperatorRejectedMeanwhileShowsTheConflict() throws Exception {
        logIn("otto", "otto-pw");
        // olga rejects through the API while otto fills in the form; the page's next refresh (every 2 s) would
        // take the row away, so an attempt that refresh overtook is repeated with another file.
        for (int attempt = 1; ; attempt++) {
            String path = "page/meanwhile " + attempt + ".bin";
            String id = create(path, 20 * GiB);
            WebElement comment = browser.find(pending(id)).findElement(By.name("comment"));
            comment.click();
            browser.type("approved by otto");
            HttpResponse<String> rejected = operator2.post("/api/approvals/" + id + "/reject",
                    "{\"reason\":\"olga says no\"}");
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
            try {
                comment.sendKeys(Keys.ENTER);
            } catch (StaleElementReferenceException e) {
                assertThat(attempt).as("the refresh overtook every attempt").isLessThan(3);
                continue;
            }
            assertThat(browser.waitForText(By.id("message"), "cannot become").getText())
                    .contains("an approval in state REJECTED cannot become APPROVED");
            awaitState(browser.find(decided(id)), "REJECTED");
            assertThat(browser.find(decided(id)).findElement(By.cssSelector(".decided-by")).getText())
                    .isEqualTo("olga");
            assertThat(state(id)).isEqualTo("REJECTED");
            return;
        }
    }

    @Test
    void aFailedTransferIsRetriedFromThePage() throws Exception {
        String path = "page/retry me.bin";
        String id = create(path, 50 * GiB);
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            assertThat(operator.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"CHUNKED\"}").statusCode())
                    .isEqualTo(200);
            FileDiscovered record = onlyRecord(large, path);
            send(Topics.RESULTS, path, TransferResult.failed(record, 1_000, 5, "sink full"));
            awaitState(id, "FAILED");
            logIn("olga", "olga-pw");

            WebElement row = browser.find(decided(id));
            awaitState(row, "FAILED");
            assertThat(row.findElement(By.cssSelector(".outcome")).getText()).contains("sink full");
            WebElement retry = row.findElement(By.cssSelector("button[name=retry]"));
            assertThat(retry.isDisplayed()).isTrue();
            retry.sendKeys(Keys.ENTER);

            awaitState(browser.find(decided(id)), "APPROVED");
            assertThat(large.await(2, r -> path.equals(r.key()), WAIT)).hasSize(2);
            assertThat(browser.find(decided(id)).findElement(By.cssSelector("button[name=retry]")).isDisplayed())
                    .isFalse();
        }
    }

    @Test
    void aViewerSeesTheQueueWithoutTheControls() throws Exception {
        String path = "page/look only.bin";
        String id = create(path, 25 * GiB);
        logIn("vera", "viewer-pw");

        WebElement row = browser.find(pending(id));
        assertThat(row.findElement(By.cssSelector(".size")).getText()).isEqualTo("25.0 GiB");
        assertThat(browser.driver().findElements(By.cssSelector("#view-approvals form"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#view-approvals button"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#approvals-pending th"))).extracting(e -> e.getText())
                .doesNotContain("Decide");
    }

    // --- helpers

    /** Through the form, by keyboard as a person does; the Approvals tab is the page's first (and only) one. */
    private void logIn(String user, String password) {
        browser.open("http://127.0.0.1:" + port + "/");
        browser.waitUntil(ExpectedConditions.urlContains("/login"));
        browser.find(By.id("username"));
        browser.type(user, Keys.TAB, password, Keys.ENTER);
        browser.find(By.id("approvals-pending"));
        assertThat(browser.find(By.id("tab-approvals")).getAttribute("aria-selected")).isEqualTo("true");
    }

    private static By pending(String id) {
        return By.cssSelector("#approvals-pending tr[data-approval-id='" + id + "']");
    }

    private static By decided(String id) {
        return By.cssSelector("#approvals-decided tr[data-approval-id='" + id + "']");
    }

    private static void awaitState(WebElement row, String state) {
        browser.waitUntil(d -> state.equals(row.findElement(By.cssSelector("[data-state]")).getAttribute("data-state")));
    }
}
