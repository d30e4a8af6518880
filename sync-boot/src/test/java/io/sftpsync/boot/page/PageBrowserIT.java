package io.sftpsync.boot.page;

import static io.sftpsync.boot.page.PageTestApplication.OPERATOR;
import static io.sftpsync.boot.page.PageTestApplication.OPERATOR_PASSWORD;
import static io.sftpsync.boot.page.PageTestApplication.VIEWER;
import static io.sftpsync.boot.page.PageTestApplication.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.Browser;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * What a person does on the page, in headless Chromium: logs in through the form, sees the views, works the tabs
 * by keyboard, sees an API refusal's detail, logs out; a wrong password shows the error.
 */
@PageTest
class PageBrowserIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Value("${local.server.port}")
    int port;

    @Autowired
    DemoApi demo;

    @AfterEach
    void forgetTheSession() {
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void anOperatorLogsInSeesTheViewsWorksTheTabsByKeyboardAndLogsOut() throws Exception {
        logIn(OPERATOR, OPERATOR_PASSWORD);

        assertThat(browser.find(By.id("user")).getText()).isEqualTo(OPERATOR);
        assertThat(browser.find(By.id("role")).getText()).isEqualTo("operator");
        assertThat(browser.driver().findElements(By.cssSelector("[role=tab]"))).extracting(e -> e.getText())
                .containsExactly("Demo", "Second");
        assertThat(browser.find(By.id("demo-greeting")).getText()).isEqualTo("Hello otto, you are operator.");
        // The demo API answers 1.5 GiB, read 3 h ago; the view formats both.
        assertThat(browser.waitForText(By.id("demo-size"), "GiB").getText()).isEqualTo("1.5 GiB");
        assertThat(browser.find(By.id("demo-age")).getText()).isEqualTo("3 h ago");

        // The visible view polls every 2 s.
        int first = demo.reads.get();
        browser.waitUntil(d -> demo.reads.get() >= first + 2);
        assertThat(browser.find(By.id("demo-post")).isDisplayed()).as("operators see the change button").isTrue();

        // A refusal's problem detail is shown to the user.
        browser.find(By.id("demo-refuse")).click();
        assertThat(browser.waitForText(By.id("message"), "refuses").getText())
                .contains("the demo refuses: nothing is pending");
        browser.find(By.id("demo-post")).click();
        browser.waitForText(By.id("demo-posted"), "posted");
        assertThat(browser.driver().findElement(By.id("message")).isDisplayed()).as("a POST that works clears it")
                .isFalse();

        // Tabs by keyboard: focus the selected tab, arrow right selects the next.
        browser.find(By.id("tab-demo")).sendKeys(Keys.ARROW_RIGHT);
        browser.waitUntil(ExpectedConditions.attributeToBe(By.id("tab-second"), "aria-selected", "true"));
        assertThat(browser.focused().getAttribute("id")).isEqualTo("tab-second");
        assertThat(browser.find(By.id("second-text")).getText()).isEqualTo("The second view.");
        assertThat(browser.driver().findElement(By.id("view-demo")).isDisplayed()).isFalse();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/#second");

        // A hidden view does not poll.
        Thread.sleep(300); // a read already on its way when the tab switched
        int hidden = demo.reads.get();
        Thread.sleep(Duration.ofMillis(2500));
        assertThat(demo.reads.get()).as("no reads while the demo view is hidden").isEqualTo(hidden);

        browser.type(Keys.HOME);
        browser.waitUntil(ExpectedConditions.attributeToBe(By.id("tab-demo"), "aria-selected", "true"));
        browser.waitUntil(d -> demo.reads.get() > hidden);

        browser.find(By.cssSelector("form.logout button")).click();
        browser.waitUntil(ExpectedConditions.urlContains("/login?logout"));
        assertThat(browser.find(By.cssSelector("[role=status]")).getText()).isEqualTo("You have logged out.");
        browser.open(url("/"));
        browser.waitUntil(ExpectedConditions.urlContains("/login"));
        assertThat(browser.find(By.id("username")).isDisplayed()).isTrue();
    }

    @Test
    void aViewerDoesNotSeeTheOperatorsButtons() {
        logIn(VIEWER, VIEWER_PASSWORD);

        assertThat(browser.find(By.id("demo-greeting")).getText()).isEqualTo("Hello vera, you are viewer.");
        assertThat(browser.driver().findElement(By.id("demo-post")).isDisplayed()).isFalse();
    }

    @Test
    void whenTheSessionEndsTheViewSaysSoInsteadOfABrowserLoginDialog() {
        logIn(OPERATOR, OPERATOR_PASSWORD);
        browser.waitForText(By.id("demo-size"), "GiB");

        browser.driver().manage().deleteCookieNamed("JSESSIONID");

        assertThat(browser.waitForText(By.id("message"), "session").getText())
                .contains("Your session has ended: reload the page to log in again.");
        browser.driver().navigate().refresh();
        browser.waitUntil(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aWrongPasswordShowsTheErrorAndKeepsTheFormReady() {
        browser.open(url("/"));
        browser.waitUntil(ExpectedConditions.urlContains("/login"));
        assertThat(browser.focused().getAttribute("id")).as("autofocus").isEqualTo("username");
        browser.type(OPERATOR, Keys.TAB, "not the password", Keys.ENTER);

        assertThat(browser.find(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login?error");
        assertThat(browser.find(By.id("username")).getAttribute("aria-describedby")).isEqualTo("login-error");
    }

    /** Through the form, by keyboard as a person does: the user name field has the focus. */
    private void logIn(String user, String password) {
        browser.open(url("/"));
        browser.waitUntil(ExpectedConditions.urlContains("/login"));
        browser.find(By.id("username"));
        browser.type(user, Keys.TAB, password, Keys.ENTER);
        browser.find(By.cssSelector("header.bar"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
