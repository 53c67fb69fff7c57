package ledger.read.http;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The query parameters of the read routes, checked and defaulted as the contract says. */
final class QueryParams {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private QueryParams() {}

    /** {@code fromSequence}: 1 when absent; an integer from 0 up. */
    static long fromSequence(String text) {
        if (text == null) {
            return 1;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiError.badQuery(
                "fromSequence must be a non-negative integer, not \"" + text + "\"");
    }

    /** {@code limit}: 100 when absent; at least 1; larger than 1000 is clamped to 1000. */
    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        String digits = text.trim();
        if (digits.matches("[0-9]+")) {
            BigInteger value = new BigInteger(digits);
            if (value.signum() > 0) {
                return value.min(BigInteger.valueOf(MAX_LIMIT)).intValueExact();
            }
        }
        throw ApiError.badQuery("limit must be an integer of at least 1, not \"" + text + "\"");
    }

    /** {@code asOf}: an ISO-8601 instant such as 2026-12-04T10:00:00Z; now when absent. */
    static Instant asOf(String text, Instant now) {
        if (text == null) {
            return now;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badQuery(
                    "asOf must be an ISO-8601 instant such as 2026-12-04T10:00:00Z, not \""
                            + text
                            + "\"");
        }
    }

    /** Milliseconds since the epoch, saturated at the ends of {@code long}. */
    static long epochMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException outOfRange) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
