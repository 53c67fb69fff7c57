package ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's amount syntax, and how an amount meets a currency's minor unit. */
class AmountTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"100, 100", "100.5, 100.5", "0.01, 0.01", "007.50, 7.50", "100.500, 100.5"})
    void plain_digits_with_an_optional_fraction_are_an_amount(String text, BigDecimal value) {
        assertThat(valueOf(Amount.parse(text))).isEqualByComparingTo(value);
    }

    @Test
    void an_amount_above_the_limit_of_any_currency_is_still_valid_syntax() {
        // The limit of 10^18 minor units depends on the account's currency: checked later (step 6).
        assertThat(Amount.parse("100000000000000000000")).isInstanceOf(Parsed.Valid.class);
    }

    @Test
    void an_amount_with_more_fraction_digits_than_any_currency_is_still_valid_syntax() {
        // Precision depends on the account's currency: checked later (step 6).
        assertThat(Amount.parse("0.0000001")).isInstanceOf(Parsed.Valid.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "-1",
                "+1",
                "1e3",
                "1E3",
                " 1",
                "1 ",
                "1.",
                ".5",
                "",
                "1,5",
                "1.2.3",
                "abc",
                "0x10",
                "١٢",
                "1_000",
                "NaN",
                "Infinity"
            })
    void anything_else_is_rejected_invalid_amount(String text) {
        assertThat(Amount.parse(text))
                .isInstanceOfSatisfying(
                        Parsed.Invalid.class,
                        invalid -> assertThat(invalid.reason()).isEqualTo(Reason.INVALID_AMOUNT));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0", "0.00", "000", "0.0000"})
    void zero_is_rejected_invalid_amount(String text) {
        assertThat(Amount.parse(text))
                .isEqualTo(
                        Parsed.invalid(Reason.INVALID_AMOUNT, "amount must be greater than zero"));
    }

    @Test
    void a_rejected_amount_is_quoted_in_the_message() {
        assertThat(Amount.parse("1e3"))
                .isEqualTo(
                        Parsed.invalid(
                                Reason.INVALID_AMOUNT,
                                "amount must be a decimal string such as \"100.50\", not \"1e3\""));
    }

    @Test
    void a_long_amount_with_many_trailing_zeros_is_valid_syntax() {
        String oneEuro = "1." + "0".repeat(63);

        assertThat(valueOf(Amount.parse(oneEuro))).isEqualByComparingTo("1");
    }

    @Test
    void the_amount_reads_back_as_the_text_it_was_given_without_leading_zeros() {
        assertThat(valueOf(Amount.parse("007.50"))).hasToString("7.50");
    }

    @Test
    void an_amount_fitting_the_minor_unit_becomes_money_of_that_scale() {
        assertThat(amount("100.5").inScale(2)).contains(new Money(10050, 2));
    }

    @Test
    void trailing_zeros_beyond_the_minor_unit_do_not_count_as_precision() {
        assertThat(amount("100.500").inScale(2)).contains(new Money(10050, 2));
    }

    @Test
    void an_amount_finer_than_the_minor_unit_does_not_fit() {
        assertThat(amount("100.005").inScale(2)).isEmpty();
    }

    @Test
    void an_amount_with_a_fraction_does_not_fit_a_currency_without_one() {
        assertThat(amount("1.5").inScale(0)).isEmpty();
    }

    @Test
    void a_whole_amount_fits_a_currency_without_a_fraction() {
        assertThat(amount("1000").inScale(0)).contains(new Money(1000, 0));
    }

    @Test
    void an_amount_with_three_fraction_digits_fits_a_three_digit_currency() {
        assertThat(amount("1.234").inScale(3)).contains(new Money(1234, 3));
    }

    @Test
    void an_amount_of_ten_to_the_eighteen_minor_units_does_not_fit() {
        assertThat(amount("10000000000000000").inScale(2)).isEmpty();
    }

    @Test
    void an_amount_one_minor_unit_below_the_limit_fits() {
        assertThat(amount("9999999999999999.99").inScale(2))
                .contains(new Money(Money.LIMIT - 1, 2));
    }

    private static Amount amount(String text) {
        return Fixtures.amount(text);
    }

    private static BigDecimal valueOf(Parsed<Amount> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<Amount>) parsed).value().value();
    }
}
