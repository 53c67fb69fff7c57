package ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java 17 dispatches on the sealed families with {@code instanceof} chains, which the compiler does
 * not check for completeness. These tests do: a new command or event without a fixture, or without
 * a rule in {@code decide} or {@code evolve}, fails the build.
 */
class SealedFamiliesTest {

    @Test
    void every_kind_of_command_has_a_fixture() {
        assertThat(classesOf(Fixtures.everyCommand()))
                .containsExactlyInAnyOrder(AccountCommand.class.getPermittedSubclasses());
    }

    @Test
    void every_kind_of_event_has_a_fixture() {
        assertThat(classesOf(Fixtures.everyEvent()))
                .containsExactlyInAnyOrder(AccountEvent.class.getPermittedSubclasses());
    }

    /** Each command against each life stage; an open account with money reaches every rule. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyCommandOnEveryAccount")
    void decide_has_a_rule_for_every_kind_of_command(AccountCommand command, String stage) {
        Account state = stage(stage);

        assertThatCode(() -> AccountDecider.decide(Fixtures.envelope(command), state))
                .doesNotThrowAnyException();
    }

    /** Each event on an open account with money, the state any event may follow. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void evolve_has_a_handler_for_every_kind_of_event(AccountEvent event) {
        Account funded = stage("funded");
        RecordedEvent recorded =
                new RecordedEvent(Fixtures.ALICE, 3, Fixtures.COMMAND_ID, Fixtures.NOW, event);

        assertThatCode(() -> AccountDecider.evolve(funded, recorded)).doesNotThrowAnyException();
        assertThat(AccountDecider.evolve(funded, recorded).sequence()).isEqualTo(3);
    }

    static Stream<Arguments> everyCommandOnEveryAccount() {
        return Fixtures.everyCommand().stream()
                .flatMap(
                        command ->
                                Stream.of("unopened", "funded", "closed")
                                        .map(stage -> Arguments.of(command, stage)));
    }

    static List<AccountEvent> everyEvent() {
        return Fixtures.everyEvent();
    }

    private static Account stage(String stage) {
        return switch (stage) {
            case "unopened" -> AccountSpec.stateAfter();
            case "funded" -> AccountSpec.stateAfter(Fixtures.OPENED, Fixtures.DEPOSITED_100);
            case "closed" -> AccountSpec.stateAfter(Fixtures.OPENED, Fixtures.CLOSED);
            default -> throw new IllegalArgumentException(stage);
        };
    }

    private static List<Class<?>> classesOf(List<?> examples) {
        return examples.stream().<Class<?>>map(Object::getClass).distinct().toList();
    }
}
