package io.sftpsync.boot.handlers;

import io.sftpsync.core.events.SizeClass;
import java.util.Set;

/**
 * Declares which size classes a service in this JVM moves, so the standalone mode knows which queued
 * files to wait for and which to list as waiting for a service (or an operator).
 */
public interface SizeClassHandler {
    Set<SizeClass> handles();
}
