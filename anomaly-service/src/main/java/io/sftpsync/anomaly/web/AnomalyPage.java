package io.sftpsync.anomaly.web;

import io.sftpsync.boot.page.PageView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The anomalies' tab on the operator page; its script is {@code ui/anomalies.js} of this module. */
@Configuration(proxyBeanMethods = false)
public class AnomalyPage {

    @Bean
    PageView anomaliesView() {
        return new PageView("anomalies", "Anomalies", "/ui/anomalies.js");
    }
}
