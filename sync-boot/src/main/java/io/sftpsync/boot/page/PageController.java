package io.sftpsync.boot.page;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Renders the login form and the page shell: the signed-in user, and a tab per view. */
@Controller
final class PageController {

    private final List<PageView> views;

    PageController(List<PageView> views) {
        Set<String> ids = new HashSet<>();
        for (PageView view : views) {
            if (!ids.add(view.id())) {
                throw new IllegalStateException("two PageView beans have the id '" + view.id() + "'");
            }
        }
        this.views = List.copyOf(views);
    }

    /** Spring Security sends a failed login to {@code /login?error}, a logout to {@code /login?logout}. */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        return "page/login";
    }

    @GetMapping("/")
    String shell(Authentication user, Model model) {
        model.addAttribute("user", user.getName());
        model.addAttribute("role", roleOf(user));
        model.addAttribute("views", views);
        return "page/shell";
    }

    /** The strongest role the user has, as the configuration spells it. */
    static String roleOf(Authentication user) {
        boolean operator = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch("ROLE_OPERATOR"::equals);
        return operator ? "operator" : "viewer";
    }
}
