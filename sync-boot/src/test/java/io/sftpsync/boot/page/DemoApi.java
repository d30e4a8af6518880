package io.sftpsync.boot.page;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API the test views call: it counts reads, so a test sees when the page polls. */
@RestController
@RequestMapping("/api/demo")
class DemoApi {

    static final long SIZE = 3L * 1024 * 1024 * 1024 / 2;

    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger posts = new AtomicInteger();

    @GetMapping
    Map<String, Object> read(Principal user) {
        return Map.of("user", user.getName(), "size", SIZE, "reads", reads.incrementAndGet(),
                "at", Instant.now().minusSeconds(3 * 3600));
    }

    @PostMapping
    Map<String, Object> change(Principal user) {
        return Map.of("user", user.getName(), "posts", posts.incrementAndGet());
    }

    @PostMapping("/refuse")
    ProblemDetail refuse() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the demo refuses: nothing is pending");
    }
}
