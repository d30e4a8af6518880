package io.sftpsync.boot.page;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Two views that exist only in the tests: a demo that calls the API and formats what it gets, and a plain one. */
@Configuration(proxyBeanMethods = false)
class TestViews {

    @Bean
    PageView demoView() {
        return new PageView("demo", "Demo", "/ui/test/demo.js");
    }

    @Bean
    PageView secondView() {
        return new PageView("second", "Second", "/ui/test/second.js");
    }
}
