package io.sftpsync.approval;

import io.sftpsync.testkit.ProbeAssertions;
import org.junit.jupiter.api.Test;

/** The orchestrator's probes, open without credentials: alive, and ready with the broker, database and servers. */
class ProbesIT extends ApprovalContext {

    @Test
    void livenessIsTheProcessAndReadinessNamesTheBrokerTheDatabaseAndTheServers() {
        ProbeAssertions.assertLiveAndReady(port, "broker", "db", "sftp");
    }
}
