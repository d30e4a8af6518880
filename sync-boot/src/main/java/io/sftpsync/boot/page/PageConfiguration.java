package io.sftpsync.boot.page;

import io.sftpsync.boot.security.HttpSecurityConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The operator page of every service that serves HTTP: a login form, a shell at {@code /} with one tab per
 * {@link PageView} bean, and the shared scripts under {@code /ui/}. Its security chain takes the page's paths
 * before the API's ({@link HttpSecurityConfiguration}), which then accepts the page's session.
 */
@AutoConfiguration(after = HttpSecurityConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.web.servlet.DispatcherServlet",
        "org.springframework.security.web.SecurityFilterChain"})
public class PageConfiguration {

    /** Before the API chain ({@link HttpSecurityConfiguration#ORDER}). */
    public static final int ORDER = 90;

    /** Everything the page loads comes from this server; nothing inline, nothing framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(ORDER)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/", "/login", "/logout", "/ui/**")
                .authorizeHttpRequests(requests -> requests
                        // Scripts and the stylesheet are code, not data: the data comes from /api/**.
                        .requestMatchers(HttpMethod.GET, "/ui/**").permitAll()
                        .requestMatchers("/login").permitAll()
                        .anyRequest().authenticated())
                // CSRF stays on (Spring's default): the login and logout forms carry the session's token.
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                // With CSRF on, only a POST logs out.
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    @Bean
    PageController pageController(ObjectProvider<PageView> views) {
        return new PageController(views.orderedStream().toList());
    }

    @Bean
    UiResources uiResources() {
        return new UiResources();
    }

    /**
     * Every cookie this service sets (the page's session cookie, Tomcat's {@code HttpOnly} by default) is
     * {@code SameSite=Strict}: a request from another site never carries the session.
     */
    @Bean
    CookieSameSiteSupplier strictCookies() {
        return CookieSameSiteSupplier.ofStrict();
    }
}
