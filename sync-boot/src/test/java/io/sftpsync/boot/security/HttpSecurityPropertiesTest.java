package io.sftpsync.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.config.UnknownPropertyCheck;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code sync.security.*}: validated, and known to a process that serves no HTTP (a once run) too. */
class HttpSecurityPropertiesTest {

    private final ApplicationContextRunner nonWeb = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpSecurityConfiguration.class))
            .withBean(UnknownPropertyCheck.class);

    @Test
    void aProcessWithoutHttpAcceptsTheSettingsAndBuildsNoFilterChain() {
        nonWeb.withPropertyValues("sync.security.users[0].username=otto",
                "sync.security.users[0].password={noop}pw", "sync.security.users[0].roles=operator,viewer",
                "sync.security.prometheus-public=false").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    HttpSecurityProperties p = ctx.getBean(HttpSecurityProperties.class);
                    assertThat(p.users()).singleElement().satisfies(u -> {
                        assertThat(u.roles()).isEqualTo(Set.of(Role.OPERATOR, Role.VIEWER));
                        assertThat(u.toString()).doesNotContain("pw");
                    });
                    assertThat(p.prometheusPublic()).isFalse();
                    assertThat(ctx).doesNotHaveBean(org.springframework.security.web.SecurityFilterChain.class);
                });
    }

    @Test
    void defaultsAreNoUsersAndAPublicPrometheus() {
        nonWeb.run(ctx -> {
            assertThat(ctx.getBean(HttpSecurityProperties.class).users()).isEmpty();
            assertThat(ctx.getBean(HttpSecurityProperties.class).prometheusPublic()).isTrue();
        });
    }

    @Test
    void aPlainPasswordOrAUserWithoutRolesStopsStartUp() {
        nonWeb.withPropertyValues("sync.security.users[0].username=otto", "sync.security.users[0].password=pw",
                "sync.security.users[0].roles=operator").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("must be {bcrypt}<hash> or {noop}<password>"));
        nonWeb.withPropertyValues("sync.security.users[0].username=otto",
                "sync.security.users[0].password={noop}pw").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("roles"));
    }
}
