package io.sftpsync.anomaly;

import io.sftpsync.testkit.ProbeAssertions;
import org.junit.jupiter.api.Test;

/** The orchestrator's probes, open without credentials: alive, and ready with the broker and database. */
class ProbesIT extends AnomalyContext {

    @Test
    void livenessIsTheProcessAndReadinessNamesTheBrokerAndTheDatabase() {
        ProbeAssertions.assertLiveAndReady(port, "broker", "db");
    }
}
