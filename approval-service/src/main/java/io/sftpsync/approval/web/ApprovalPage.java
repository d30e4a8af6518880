package io.sftpsync.approval.web;

import io.sftpsync.boot.page.PageView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The approval queue's tab on the operator page; its script is {@code ui/approvals.js} of this module. */
@Configuration(proxyBeanMethods = false)
public class ApprovalPage {

    /** The first tab where other services' tabs are shown too (the standalone): files wait here for a person. */
    @Bean
    @Order(10)
    PageView approvalsView() {
        return new PageView("approvals", "Approvals", "/ui/approvals.js");
    }
}
