package io.sftpsync.boot.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The accounts of {@code sync.security.users}; with none, nobody gets in and start-up says how to add one. */
final class ConfiguredUsers {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);

    private ConfiguredUsers() {
    }

    static InMemoryUserDetailsManager of(HttpSecurityProperties properties) {
        if (properties.users().isEmpty()) {
            log.warn("no HTTP users are configured, so every /api/** request is refused (401). Add one with"
                    + " sync.security.users[0].username=<name>, sync.security.users[0].password={bcrypt}<hash>"
                    + " (htpasswd -bnBC 10 \"\" <password> | tr -d ':\\n'), sync.security.users[0].roles=operator"
                    + " (or viewer); see docs/operations.md");
        }
        List<UserDetails> users = properties.users().stream()
                .map(u -> User.withUsername(u.username()).password(u.password())
                        .roles(u.roles().stream().map(Role::name).toArray(String[]::new)).build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
