package io.sftpsync.approval.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a part size as the API accepts it: a JSON number of bytes, or a string such as {@code "2 MiB"},
 * {@code "64MB"}, {@code "1GiB"} or {@code "1048576"}. Units are binary whether written KB or KiB, as in the rest
 * of the project's settings (Spring's DataSize).
 */
final class PartSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?", Pattern.CASE_INSENSITIVE);

    private PartSizes() {
    }

    /**
     * @param value a Number or a String from the request body
     * @return bytes
     * @throws IllegalArgumentException for anything else, a fraction, zero, a negative size or an unknown unit
     */
    static long parse(Object value) {
        long bytes;
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() > Long.MAX_VALUE) {
                throw new IllegalArgumentException("must be a whole number of bytes, was " + n);
            }
            bytes = n.longValue();
        } else if (value instanceof String s) {
            Matcher m = SIZE.matcher(s.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("must be bytes or a size such as \"64MB\" or \"2 MiB\", was \""
                        + s + "\"");
            }
            int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                case "T" -> 40;
                default -> 0;
            };
            try {
                bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("is too large: \"" + s + "\"");
            }
        } else {
            throw new IllegalArgumentException("must be a number of bytes or a string such as \"64MB\"");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("must be positive, was " + value);
        }
        return bytes;
    }
}
