package io.sftpsync.boot.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the HTTP API of every service: {@code sync.security.*}.
 *
 * @param users             the accounts; none means every {@code /api/**} request is refused
 * @param prometheusPublic  whether {@code /actuator/prometheus} answers without credentials (for a scraper on the
 *                          same host); {@code false} makes it need a user like the other actuator endpoints
 */
@Validated
@ConfigurationProperties(prefix = "sync.security")
public record HttpSecurityProperties(
        @NotNull @DefaultValue List<@Valid @NotNull User> users,
        @DefaultValue("true") boolean prometheusPublic) {

    /**
     * One account.
     *
     * @param password in Spring Security's {@code {id}hash} form: {@code {bcrypt}$2a$...} (from
     *                 {@code htpasswd -bnBC 10 "" pw | tr -d ':\n'}) or {@code {noop}plain}
     */
    public record User(
            @NotBlank String username,
            @NotBlank @Pattern(regexp = "\\{(bcrypt|noop)\\}.+",
                    message = "must be {bcrypt}<hash> or {noop}<password>") String password,
            @NotEmpty Set<@NotNull Role> roles) {

        /** Never prints the password, even hashed. */
        @Override
        public String toString() {
            return "User[" + username + " " + roles + "]";
        }
    }
}
