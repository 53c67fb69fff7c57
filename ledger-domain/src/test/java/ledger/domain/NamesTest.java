package ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's rules for command ids, account ids, owners and currencies. */
class NamesTest {

    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, one code point, two chars

    @Nested
    class CommandIds {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(
                strings = {
                    "c-42",
                    "0f6c7a56-3b1e-4c3a-9f1e-2a6b7c8d9e0f",
                    "a.b_c:d-e",
                    "X",
                    "urn:cmd:1"
                })
        void letters_digits_dot_underscore_colon_and_dash_make_a_command_id(String id) {
            assertThat(Names.isCommandId(id)).isTrue();
        }

        @Test
        void a_command_id_has_at_most_128_characters() {
            assertThat(Names.isCommandId("c".repeat(128))).isTrue();
            assertThat(Names.isCommandId("c".repeat(129))).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "c 42", "c/42", "c#42", "é", "c-42\n", " c"})
        void anything_else_is_not_a_command_id(String id) {
            assertThat(Names.isCommandId(id)).isFalse();
        }
    }

    @Nested
    class AccountIds {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"alice", "ACC-0001", "a.b_c-d", "7"})
        void letters_digits_dot_underscore_and_dash_make_an_account_id(String id) {
            assertThat(Names.isAccountId(id)).isTrue();
        }

        @Test
        void an_account_id_has_at_most_64_characters() {
            assertThat(Names.isAccountId("a".repeat(64))).isTrue();
            assertThat(Names.isAccountId("a".repeat(65))).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "a:b", "a b", "a#1", "ålice", "alice\n"})
        void anything_else_is_not_an_account_id(String id) {
            assertThat(Names.isAccountId(id)).isFalse();
        }
    }

    @Nested
    class Owners {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"Alice", "Zoë Ångström", "李小龙", "A", "Alice " + EMOJI, " "})
        void any_printable_text_is_an_owner(String owner) {
            assertThat(Names.isOwner(owner)).isTrue();
        }

        @Test
        void an_empty_owner_is_rejected() {
            assertThat(Names.isOwner("")).isFalse();
        }

        @Test
        void an_owner_of_200_code_points_is_accepted() {
            assertThat(Names.isOwner("a".repeat(200))).isTrue();
        }

        @Test
        void an_owner_of_201_code_points_is_rejected() {
            assertThat(Names.isOwner("a".repeat(201))).isFalse();
        }

        @Test
        void an_emoji_counts_as_one_code_point_though_it_takes_two_chars() {
            String owner = EMOJI.repeat(200);

            assertThat(owner).hasSize(400);
            assertThat(Names.isOwner(owner)).isTrue();
        }

        @Test
        void an_owner_of_201_emoji_is_rejected() {
            assertThat(Names.isOwner(EMOJI.repeat(201))).isFalse();
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(strings = {"0000", "0009", "000A", "000D", "001F", "007F", "0085", "009F"})
        void an_owner_with_a_control_character_is_rejected(String hex) {
            String control = Character.toString(Integer.parseInt(hex, 16));

            assertThat(Names.isOwner("Al" + control + "ice")).isFalse();
        }

        @Test
        void an_owner_with_a_lone_surrogate_is_rejected() {
            assertThat(Names.isOwner("Alice \uD83D")).isFalse();
            assertThat(Names.isOwner("\uDE00 Alice")).isFalse();
        }
    }

    @Nested
    class Currencies {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"EUR", "JPY", "BHD", "USD", "KWD", "CHF"})
        void an_iso_code_known_to_the_jdk_with_0_to_3_fraction_digits_is_a_currency(String code) {
            assertThat(Names.isCurrency(code)).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"eur", "Eur", "EURO", "EU", "", " EUR", "E1R"})
        void a_code_not_of_three_upper_case_letters_is_rejected(String code) {
            assertThat(Names.isCurrency(code)).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"XAU", "XXX", "XDR"})
        void a_code_without_fraction_digits_such_as_gold_is_rejected(String code) {
            assertThat(Names.isCurrency(code)).isFalse();
        }

        @Test
        void a_code_with_four_fraction_digits_is_rejected() {
            assertThat(Names.isCurrency("CLF")).isFalse();
        }

        @Test
        void an_unknown_code_is_rejected() {
            assertThat(Names.isCurrency("ABC")).isFalse();
        }

        @Test
        void fraction_digits_follow_iso_4217() {
            assertThat(Names.fractionDigits("EUR")).isEqualTo(2);
            assertThat(Names.fractionDigits("JPY")).isZero();
            assertThat(Names.fractionDigits("BHD")).isEqualTo(3);
        }
    }
}
