package io.sftpsync.anomaly.web;

import io.sftpsync.boot.page.PageView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The anomalies' tab on the operator page; its script is {@code ui/anomalies.js} of this module. */
@Configuration(proxyBeanMethods = false)
public class AnomalyPage {

    /** After the Approvals tab where both run (the standalone): files that wait for a person come first. */
    @Bean
    @Order(20)
    PageView anomaliesView() {
        return new PageView("anomalies", "Anomalies", "/ui/anomalies.js");
    }
}
