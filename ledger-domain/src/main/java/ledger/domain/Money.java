package ledger.domain;

import java.math.BigDecimal;

/**
 * An exact amount of money in minor units of a currency with {@code scale} fraction digits. The
 * only representation of money in the ledger: never a double.
 */
public record Money(long minor, int scale) {

    /** Amounts and balances stay below 10^18 minor units. */
    public static final long LIMIT = 1_000_000_000_000_000_000L;

    public Money {
        if (minor < 0 || minor >= LIMIT) {
            throw new IllegalArgumentException("money out of range: " + minor);
        }
        if (scale < 0 || scale > 3) {
            throw new IllegalArgumentException("scale out of range: " + scale);
        }
    }

    public static Money zero(int scale) {
        return new Money(0, scale);
    }

    /**
     * Reads a non-negative amount as the ledger writes it, taking the scale from the text ({@code
     * "100.50"} is 10050 with scale 2).
     */
    public static Money parseCanonical(String text) {
        BigDecimal value = new BigDecimal(text);
        return new Money(value.unscaledValue().longValueExact(), value.scale());
    }

    public boolean isZero() {
        return minor == 0;
    }

    /** True when {@code this + other} would reach the limit. */
    public boolean overflowsWith(Money other) {
        return minor >= LIMIT - other.minor;
    }

    public boolean lessThan(Money other) {
        return minor < other.minor;
    }

    public Money plus(Money other) {
        return new Money(minor + other.minor, scale);
    }

    public Money minus(Money other) {
        return new Money(minor - other.minor, scale);
    }

    /** The canonical text: exactly {@code scale} fraction digits and no leading zeros. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(minor, scale).toPlainString();
    }
}
