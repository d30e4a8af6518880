package io.sftpsync.boot.replay;

/** Offsets of a consumer group with members are not moved (409), as {@code kafka-consumer-groups} refuses. */
public final class GroupActiveException extends RuntimeException {

    public GroupActiveException(String group, int members) {
        super("group " + group + " has " + members + " active member" + (members == 1 ? "" : "s")
                + "; stop them first");
    }

    /** The broker refused the change itself: a member joined between the check and the change. */
    public GroupActiveException(String group, Throwable cause) {
        super("group " + group + " has active members; stop them first (" + cause.getMessage() + ")", cause);
    }
}
