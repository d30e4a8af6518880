package io.sftpsync.boot.page;

import static io.sftpsync.boot.page.PageTestApplication.OPERATOR;
import static io.sftpsync.boot.page.PageTestApplication.OPERATOR_PASSWORD;
import static io.sftpsync.boot.page.PageTestApplication.VIEWER;
import static io.sftpsync.boot.page.PageTestApplication.VIEWER_PASSWORD;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The page with the test views and a viewer and an operator, on a random port: one context the page ITs share. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {PageTestApplication.class, TestViews.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "sync.security.users[0].username=" + VIEWER,
            "sync.security.users[0].password={noop}" + VIEWER_PASSWORD,
            "sync.security.users[0].roles=viewer",
            "sync.security.users[1].username=" + OPERATOR,
            "sync.security.users[1].password={noop}" + OPERATOR_PASSWORD,
            "sync.security.users[1].roles=operator"})
@interface PageTest {
}
