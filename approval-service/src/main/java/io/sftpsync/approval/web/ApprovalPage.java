package io.sftpsync.approval.web;

import io.sftpsync.boot.page.PageView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The approval queue's tab on the operator page; its script is {@code ui/approvals.js} of this module. */
@Configuration(proxyBeanMethods = false)
public class ApprovalPage {

    @Bean
    PageView approvalsView() {
        return new PageView("approvals", "Approvals", "/ui/approvals.js");
    }
}
