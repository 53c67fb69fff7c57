package ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * A given/when/then language for the Decider: {@code given(OPENED,
 * DEPOSITED_100).when(withdraw("150.00")).thenRejected(INSUFFICIENT_FUNDS)}.
 *
 * <p>{@code given} folds the history with {@link AccountDecider#evolve} as the log would hold it
 * (sequences 1..n, one second apart, before {@link Fixtures#NOW}); {@code when} asks {@link
 * AccountDecider#decide}; the {@code then} methods check the decision.
 */
final class AccountSpec {

    private final Account state;

    private AccountSpec(Account state) {
        this.state = state;
    }

    /** An account whose log holds these events, in this order (none: a free account id). */
    static AccountSpec given(AccountEvent... history) {
        return new AccountSpec(stateAfter(history));
    }

    /** The state an account reaches through these events. */
    static Account stateAfter(AccountEvent... history) {
        Account state = AccountDecider.initialState();
        for (int i = 0; i < history.length; i++) {
            long sequence = i + 1;
            long occurredAt = Fixtures.NOW - (history.length - i) * 1000L;
            state =
                    AccountDecider.evolve(
                            state,
                            new RecordedEvent(
                                    Fixtures.ALICE,
                                    sequence,
                                    "given-" + sequence,
                                    occurredAt,
                                    history[i]));
        }
        return state;
    }

    /** The command for alice, as {@link Fixtures#envelope(AccountCommand)} wraps it. */
    Then when(AccountCommand command) {
        return when(Fixtures.envelope(command));
    }

    Then when(CommandEnvelope envelope) {
        return new Then(AccountDecider.decide(envelope, state));
    }

    /** What the Decider decided, to be checked. */
    static final class Then {

        private final Decision decision;

        private Then(Decision decision) {
            this.decision = decision;
        }

        /** The command is accepted and yields exactly these events. */
        Then thenAccepted(AccountEvent... events) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
            assertThat(((Decision.Accepted) decision).events())
                    .as("events")
                    .isEqualTo(List.of(events));
            return this;
        }

        /** The command sends exactly these saga steps. */
        Then sending(SagaStep... steps) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
            assertThat(((Decision.Accepted) decision).steps())
                    .as("steps")
                    .isEqualTo(List.of(steps));
            return this;
        }

        /** The command is rejected for this reason, with no event. */
        Then thenRejected(Reason reason) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) decision).reason()).as("reason").isEqualTo(reason);
            return this;
        }

        /** The single event written states its amount and balance in exactly this text. */
        Then writing(String amount, String balance) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
            List<AccountEvent> events = ((Decision.Accepted) decision).events();
            assertThat(events).as("events").hasSize(1);
            AccountEvent event = events.get(0);
            if (event instanceof AccountEvent.MoneyDeposited deposited) {
                assertThat(deposited.amount()).as("amount").hasToString(amount);
                assertThat(deposited.balance()).as("balance").hasToString(balance);
            } else if (event instanceof AccountEvent.MoneyWithdrawn withdrawn) {
                assertThat(withdrawn.amount()).as("amount").hasToString(amount);
                assertThat(withdrawn.balance()).as("balance").hasToString(balance);
            } else {
                throw new AssertionError("no amount in " + event);
            }
            return this;
        }

        /** The rejection says exactly this. */
        Then withMessage(String message) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) decision).message()).as("message").isEqualTo(message);
            return this;
        }

        /** The rejection's message mentions this. */
        Then withMessageContaining(String fragment) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) decision).message()).as("message").contains(fragment);
            return this;
        }
    }
}
