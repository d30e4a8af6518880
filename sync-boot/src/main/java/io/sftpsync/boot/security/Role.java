package io.sftpsync.boot.security;

/** What an account may do over HTTP: {@code viewer} reads, {@code operator} also starts scans and decides. */
public enum Role {
    VIEWER,
    OPERATOR
}
