package io.sftpsync.approval;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.boot.config.UnknownPropertyCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings record as the start-up check sees it: every documented sync.approval.* property binds, a typo does
 * not.
 */
class ApprovalPropertiesRegistrationTest {

    static UnknownPropertyCheck check(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        // As @EnableConfigurationProperties(ApprovalProperties.class) registers it.
        beans.registerBeanDefinition("sync.approval-" + ApprovalProperties.class.getName(),
                new RootBeanDefinition(ApprovalProperties.class));
        return new UnknownPropertyCheck(environment, beans);
    }

    @Test
    void everyDocumentedPropertyIsKnown() {
        assertThatCode(() -> check(Map.of(
                "sync.approval.expire-after", "-",
                "sync.approval.expiry-interval", "30s",
                "sync.approval.two-person-above", "1TB",
                "sync.approval.rules[0].name", "backups",
                "sync.approval.rules[0].glob", "backups/**",
                "sync.approval.rules[0].max-size", "200GB",
                "sync.approval.rules[0].strategy", "SPLIT",
                "sync.approval.rules[0].part-size", "4GB",
                "sync.approval.external-topic", "tape.requests",
                "sync.approval.page-url", "https://sync.example/")).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void aMisspelledPropertyStopsStartUpNamingIt() {
        assertThatThrownBy(() -> check(Map.of("sync.approval.expire-afer", "1d")).afterPropertiesSet())
                .hasMessageContaining("sync.approval.expire-afer");
        assertThatThrownBy(() -> check(Map.of("sync.approval.rules[0].max-sise", "1GB")).afterPropertiesSet())
                .hasMessageContaining("sync.approval.rules[0].max-sise");
    }
}
