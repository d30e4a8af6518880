package io.sftpsync.anomaly.detect;

/** How urgently a person should look, least urgent first. */
public enum Severity {
    /** Worth knowing; nothing is wrong yet. */
    INFO,
    /** Probably wrong; look today. */
    WARNING,
    /** Wrong or about to go wrong (data lost, corrupt or not arriving); look now. */
    CRITICAL
}
