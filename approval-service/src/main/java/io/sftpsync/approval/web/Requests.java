package io.sftpsync.approval.web;

import io.sftpsync.core.events.TransferStrategy;
import java.util.Arrays;
import java.util.Locale;

/** The request bodies, checked field by field so that a 400 names what is wrong. */
final class Requests {

    private Requests() {
    }

    /**
     * @param strategy CHUNKED, SPLIT, COMPRESS or EXTERNAL
     * @param partSize bytes (a number) or a size string such as "64MB"; required for SPLIT only
     */
    record Approve(String strategy, Object partSize, String comment) {

        TransferStrategy parsedStrategy() {
            if (strategy == null || strategy.isBlank()) {
                throw new BadRequestException("strategy", "is required: one of " + Arrays.toString(
                        TransferStrategy.values()));
            }
            try {
                return TransferStrategy.valueOf(strategy.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("strategy", "'" + strategy + "' is not one of "
                        + Arrays.toString(TransferStrategy.values()));
            }
        }

        Long parsedPartSize(TransferStrategy strategy) {
            if (strategy != TransferStrategy.SPLIT) {
                if (partSize != null) {
                    throw new BadRequestException("partSize", "is only for the SPLIT strategy");
                }
                return null;
            }
            if (partSize == null) {
                throw new BadRequestException("partSize", "is required for the SPLIT strategy");
            }
            try {
                return PartSizes.parse(partSize);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("partSize", e.getMessage());
            }
        }
    }

    record Reject(String reason) {
        String required() {
            if (reason == null || reason.isBlank()) {
                throw new BadRequestException("reason", "is required: say why the file is not copied");
            }
            return reason.strip();
        }
    }

    /** @param status DONE or FAILED */
    record Outcome(String status, String detail) {
        boolean done() {
            if ("DONE".equalsIgnoreCase(status == null ? null : status.strip())) {
                return true;
            }
            if ("FAILED".equalsIgnoreCase(status == null ? null : status.strip())) {
                return false;
            }
            throw new BadRequestException("status", "must be DONE or FAILED, was " + status);
        }
    }
}
