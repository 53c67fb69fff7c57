package ledger.domain;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A positive decimal amount as a command states it, before it meets the currency of an account.
 * Whether it fits that currency is a rule of the account (see {@link #inScale(int)}).
 */
public record Amount(BigDecimal value) {

    private static final Pattern SYNTAX = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /** Parses the contract's amount syntax, or says why it cannot. */
    public static Parsed<Amount> parse(String text) {
        if (!SYNTAX.matcher(text).matches()) {
            return Parsed.invalid(
                    Reason.INVALID_AMOUNT,
                    "amount must be a decimal string such as \"100.50\", not \""
                            + abbreviate(text)
                            + "\"");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0) {
            return Parsed.invalid(Reason.INVALID_AMOUNT, "amount must be greater than zero");
        }
        return Parsed.valid(new Amount(value));
    }

    /**
     * This amount as money of a currency with {@code scale} fraction digits; empty when it has more
     * precision than the currency's minor unit or reaches the limit of 10^18 minor units.
     */
    public Optional<Money> inScale(int scale) {
        BigDecimal minor = value.movePointRight(scale).stripTrailingZeros();
        if (minor.scale() > 0 || minor.compareTo(BigDecimal.valueOf(Money.LIMIT)) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Money(minor.longValueExact(), scale));
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
