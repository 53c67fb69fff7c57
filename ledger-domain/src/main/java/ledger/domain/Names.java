package ledger.domain;

import java.util.Currency;
import java.util.regex.Pattern;

/** The contract's rules for identifiers, owners and currencies. */
public final class Names {

    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final int MAX_OWNER_CODE_POINTS = 200;

    private Names() {}

    public static boolean isCommandId(String text) {
        return COMMAND_ID.matcher(text).matches();
    }

    public static boolean isAccountId(String text) {
        return ACCOUNT_ID.matcher(text).matches();
    }

    public static boolean isOwner(String text) {
        int codePoints = text.codePointCount(0, text.length());
        return codePoints >= 1
                && codePoints <= MAX_OWNER_CODE_POINTS
                && text.codePoints().noneMatch(Character::isISOControl)
                && text.codePoints().allMatch(Character::isValidCodePoint)
                && !hasLoneSurrogate(text);
    }

    /** An upper-case ISO 4217 code that the JDK knows, with 0 to 3 fraction digits. */
    public static boolean isCurrency(String text) {
        if (!CURRENCY_CODE.matcher(text).matches()) {
            return false;
        }
        try {
            int digits = Currency.getInstance(text).getDefaultFractionDigits();
            return digits >= 0 && digits <= 3;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** The fraction digits of a currency that {@link #isCurrency} accepted. */
    public static int fractionDigits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
