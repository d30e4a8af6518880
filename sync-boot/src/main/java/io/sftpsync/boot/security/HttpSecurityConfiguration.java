package io.sftpsync.boot.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * HTTP security of every service: HTTP Basic against {@code sync.security.users}, or the session of a user logged
 * in on the operator page ({@code boot.page}, its own chain with a higher precedence); an API call never creates a
 * session or sets a cookie. {@code viewer} may read and {@code operator} may also change. {@code /actuator/health}
 * is open, {@code /actuator/prometheus} open unless {@code sync.security.prometheus-public=false}, everything else
 * needs a user. 401 and 403 answer RFC 9457 problem details.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
// Registered in every process, serving HTTP or not, so a once run given the service's settings accepts them.
@EnableConfigurationProperties(HttpSecurityProperties.class)
public class HttpSecurityConfiguration {

    /** The precedence of the API chain: the default for every path no earlier chain matched. */
    public static final int ORDER = 100;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(SecurityFilterChain.class)
    @EnableWebSecurity
    static class Servlet {

        @Bean
        InMemoryUserDetailsManager configuredUsers(HttpSecurityProperties properties) {
            return ConfiguredUsers.of(properties);
        }

        /** {@code {bcrypt}...}, {@code {noop}...} and the other ids Spring Security knows. */
        @Bean
        PasswordEncoder passwordEncoder() {
            return PasswordEncoderFactories.createDelegatingPasswordEncoder();
        }

        @Bean
        @Order(ORDER)
        SecurityFilterChain apiSecurity(HttpSecurity http, HttpSecurityProperties properties) throws Exception {
            String viewer = Role.VIEWER.name();
            String operator = Role.OPERATOR.name();
            http.authorizeHttpRequests(requests -> {
                // The error page a refused request is forwarded to keeps the refusal's status.
                requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                requests.requestMatchers(EndpointRequest.to("health")).permitAll();
                if (properties.prometheusPublic()) {
                    requests.requestMatchers(EndpointRequest.to("prometheus")).permitAll();
                }
                requests.requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(viewer, operator)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(viewer, operator)
                        .requestMatchers("/api/**").hasRole(operator)
                        .anyRequest().authenticated();
            });
            ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
            http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
                            .accessDeniedHandler(new ProblemAccessDeniedHandler()))
                    // Reads the page's session when the request has one, never starts one.
                    .securityContext(context -> context.securityContextRepository(existingSessionsOnly()))
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                    // Spring's token-based CSRF protection needs the token in every script and curl call; the
                    // header check replaces it (see RequestedByHeaderFilter).
                    .csrf(csrf -> csrf.disable())
                    .addFilterAfter(new RequestedByHeaderFilter(), BasicAuthenticationFilter.class)
                    .formLogin(form -> form.disable())
                    .logout(logout -> logout.disable())
                    .requestCache(cache -> cache.disable());
            return http.build();
        }

        private static SecurityContextRepository existingSessionsOnly() {
            HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
            sessions.setAllowSessionCreation(false);
            return sessions;
        }
    }
}
