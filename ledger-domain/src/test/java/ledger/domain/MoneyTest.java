package ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Money's one canonical text and the range it lives in. */
class MoneyTest {

    @ParameterizedTest(name = "{0} minor units at scale {1} read \"{2}\"")
    @CsvSource({
        "10050, 2, 100.50",
        "750, 2, 7.50",
        "1, 2, 0.01",
        "0, 2, 0.00",
        "10000, 2, 100.00",
        "500, 0, 500",
        "0, 0, 0",
        "1234, 3, 1.234",
        "1, 3, 0.001",
        "999999999999999999, 2, 9999999999999999.99"
    })
    void money_is_written_with_exactly_the_currency_fraction_digits_and_no_leading_zeros(
            long minor, int scale, String text) {
        assertThat(new Money(minor, scale)).hasToString(text);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "100.50",
                "7.50",
                "0.01",
                "0.00",
                "500",
                "0",
                "1.234",
                "9999999999999999.99"
            })
    void canonical_text_reads_back_as_the_same_text(String text) {
        assertThat(Money.parseCanonical(text)).hasToString(text);
    }

    @Test
    void canonical_text_takes_its_scale_from_the_fraction_digits() {
        assertThat(Money.parseCanonical("100.50")).isEqualTo(new Money(10050, 2));
        assertThat(Money.parseCanonical("500")).isEqualTo(new Money(500, 0));
        assertThat(Money.parseCanonical("1.234")).isEqualTo(new Money(1234, 3));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"-1.00", "10000000000000000.00", "1.2345", "1E+3"})
    void text_outside_the_range_of_money_is_refused(String text) {
        assertThatThrownBy(() -> Money.parseCanonical(text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void money_is_never_negative() {
        assertThatThrownBy(() -> new Money(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void money_stays_below_ten_to_the_eighteen_minor_units() {
        assertThatThrownBy(() -> new Money(Money.LIMIT, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Money(Money.LIMIT - 1, 2).minor()).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void a_scale_has_zero_to_three_fraction_digits() {
        assertThatThrownBy(() -> new Money(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_sum_reaching_the_limit_overflows() {
        assertThat(new Money(Money.LIMIT - 1, 2).overflowsWith(new Money(1, 2))).isTrue();
        assertThat(new Money(Money.LIMIT - 100, 2).overflowsWith(new Money(100, 2))).isTrue();
    }

    @Test
    void a_sum_just_below_the_limit_does_not_overflow() {
        assertThat(new Money(Money.LIMIT - 2, 2).overflowsWith(new Money(1, 2))).isFalse();
        assertThat(Money.zero(2).overflowsWith(new Money(Money.LIMIT - 1, 2))).isFalse();
    }

    @Test
    void adding_and_subtracting_keep_the_scale() {
        Money hundred = new Money(10000, 2);

        assertThat(hundred.plus(new Money(50, 2))).isEqualTo(new Money(10050, 2));
        assertThat(hundred.minus(new Money(10000, 2))).isEqualTo(Money.zero(2));
    }

    @Test
    void less_than_compares_minor_units() {
        assertThat(new Money(99, 2).lessThan(new Money(100, 2))).isTrue();
        assertThat(new Money(100, 2).lessThan(new Money(100, 2))).isFalse();
    }

    @Test
    void only_zero_minor_units_are_zero() {
        assertThat(Money.zero(3).isZero()).isTrue();
        assertThat(new Money(1, 3).isZero()).isFalse();
    }
}
