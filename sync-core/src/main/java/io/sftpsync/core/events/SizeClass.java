package io.sftpsync.core.events;

/** The size class of a file, which decides the topic and so the service and strategy that move it. */
public enum SizeClass {
    SMALL, MEDIUM, LARGE, OVERSIZED
}
