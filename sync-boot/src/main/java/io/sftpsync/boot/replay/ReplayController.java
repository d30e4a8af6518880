package io.sftpsync.boot.replay;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reprocessing over HTTP (operators only, as every POST: sync-boot's security). The operator named in the replayed
 * records' headers and the log is always the authenticated user.
 */
@RestController
@RequestMapping("/api/replay")
public class ReplayController {

    private final Replayer replayer;
    private final OffsetResetter resetter;

    ReplayController(Replayer replayer, OffsetResetter resetter) {
        this.replayer = replayer;
        this.resetter = resetter;
    }

    /** Re-publishes a range of a topic's records (a dry run only counts them). */
    @PostMapping
    public ReplayResult replay(@RequestBody ReplayRequest body, Authentication user) {
        return replayer.replay(body, user.getName());
    }

    /** Moves a stopped consumer group's offsets to a point in time. */
    @PostMapping("/offsets")
    public OffsetResetResult offsets(@RequestBody OffsetResetRequest body, Authentication user) {
        return resetter.reset(body, user.getName());
    }
}
