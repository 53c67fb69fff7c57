package ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The invariants of the domain, over random histories of commands for a few accounts: valid and
 * invalid amounts, three currencies, optional expected sequences, and record timestamps that
 * sometimes go backwards. (Named {@code *Test} so that {@code mvn test} runs it.)
 */
class AccountPropertiesTest {

    private static final List<String> ACCOUNTS = List.of("alice", "bob", "carol");

    /** Every reason the Decider gives; the others belong to the codec or to transfers. */
    private static final List<Reason> REASONS_REACHED =
            List.of(
                    Reason.INVALID_AMOUNT,
                    Reason.ACCOUNT_NOT_FOUND,
                    Reason.ACCOUNT_EXISTS,
                    Reason.ACCOUNT_CLOSED,
                    Reason.INSUFFICIENT_FUNDS,
                    Reason.BALANCE_NOT_ZERO,
                    Reason.CONCURRENCY_CONFLICT);

    @Property(tries = 200)
    @StatisticsReport(StatisticsReportMode.OFF)
    void replaying_the_accepted_events_gives_exactly_the_final_state(
            @ForAll("histories") List<Step> history) {
        Ledger ledger = Ledger.run(history);

        for (String account : ACCOUNTS) {
            Account replayed = AccountDecider.initialState();
            for (RecordedEvent event : ledger.log(account)) {
                replayed = AccountDecider.evolve(replayed, event);
            }
            assertThat(replayed).as(account).isEqualTo(ledger.state(account));
        }

        // The generator must reach the interesting places, or the properties prove little.
        for (AccountHandler.Handled handled : ledger.handled) {
            Statistics.label("outcome")
                    .collect(
                            handled.outcome().orElseThrow().isAccepted()
                                    ? "ACCEPTED"
                                    : handled.outcome().orElseThrow().reason());
        }
        Statistics.label("outcome")
                .coverage(
                        checker -> {
                            checker.check("ACCEPTED").percentage(p -> p > 20);
                            for (Reason reason : REASONS_REACHED) {
                                checker.check(reason).count(c -> c > 0);
                            }
                        });
    }

    @Property(tries = 200)
    void balances_never_go_negative_and_every_event_states_the_running_balance(
            @ForAll("histories") List<Step> history) {
        Ledger ledger = Ledger.run(history);

        for (String account : ACCOUNTS) {
            long running = 0;
            int scale = -1;
            for (RecordedEvent recorded : ledger.log(account)) {
                AccountEvent event = recorded.event();
                if (event instanceof AccountOpened opened) {
                    scale = Names.fractionDigits(opened.currency());
                } else if (event instanceof MoneyDeposited deposited) {
                    assertThat(deposited.amount().minor()).isPositive();
                    running += deposited.amount().minor();
                    assertThat(deposited.balance()).isEqualTo(new Money(running, scale));
                } else if (event instanceof MoneyWithdrawn withdrawn) {
                    assertThat(withdrawn.amount().minor()).isPositive();
                    running -= withdrawn.amount().minor();
                    assertThat(running).isNotNegative();
                    assertThat(withdrawn.balance()).isEqualTo(new Money(running, scale));
                }
            }
            assertThat(ledger.state(account).balance()).isEqualTo(running).isNotNegative();
        }
    }

    @Property(tries = 200)
    void sequences_count_from_1_without_gap_or_repeat_and_time_never_goes_backwards(
            @ForAll("histories") List<Step> history) {
        Ledger ledger = Ledger.run(history);

        for (String account : ACCOUNTS) {
            List<RecordedEvent> log = ledger.log(account);
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).sequence()).isEqualTo(i + 1L);
                assertThat(log.get(i).accountId()).isEqualTo(account);
                if (i > 0) {
                    assertThat(log.get(i).occurredAt())
                            .isGreaterThanOrEqualTo(log.get(i - 1).occurredAt());
                }
            }
            assertThat(ledger.state(account).sequence()).isEqualTo(log.size());
        }
    }

    @Property(tries = 200)
    void an_outcome_is_accepted_exactly_when_events_were_written_and_carries_the_last_sequence(
            @ForAll("histories") List<Step> history) {
        Ledger ledger = Ledger.run(history);

        for (AccountHandler.Handled handled : ledger.handled) {
            Outcome outcome = handled.outcome().orElseThrow();
            if (handled.events().isEmpty()) {
                assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
                assertThat(outcome.reason()).isNotNull();
                assertThat(outcome.sequence()).isEmpty();
            } else {
                long last = handled.events().get(handled.events().size() - 1).sequence();
                assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
                assertThat(outcome.sequence()).hasValue(last);
                assertThat(handled.state().sequence()).isEqualTo(last);
            }
        }
    }

    @Property(tries = 200)
    void canonical_money_text_reads_back_as_the_same_money(
            @ForAll @LongRange(min = 0, max = Money.LIMIT - 1) long minor,
            @ForAll @IntRange(min = 0, max = 3) int scale) {
        Money money = new Money(minor, scale);

        assertThat(Money.parseCanonical(money.toString())).isEqualTo(money);
    }

    // ---- the generator

    /** One command of a history; {@code expected} is absent, the current sequence, or a guess. */
    record Step(
            int account, Kind kind, String currency, String amount, Expect expect, long delay) {}

    enum Kind {
        OPEN,
        DEPOSIT,
        WITHDRAW,
        CLOSE
    }

    /** An expected sequence: none ({@code guess < 0, !current}), the account's own, or a guess. */
    record Expect(boolean current, long guess) {}

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Kind> kinds =
                Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.just(Kind.OPEN)),
                        Tuple.of(5, Arbitraries.just(Kind.DEPOSIT)),
                        Tuple.of(4, Arbitraries.just(Kind.WITHDRAW)),
                        Tuple.of(1, Arbitraries.just(Kind.CLOSE)));
        Arbitrary<Step> steps =
                Combinators.combine(
                                Arbitraries.integers().between(0, ACCOUNTS.size() - 1),
                                kinds,
                                Arbitraries.of("EUR", "EUR", "JPY", "BHD"),
                                amounts(),
                                expectations(),
                                Arbitraries.longs().between(-3_000, 10_000))
                        .as(Step::new);
        return steps.list().ofMinSize(1).ofMaxSize(40);
    }

    private static Arbitrary<String> amounts() {
        Arbitrary<String> cents =
                Arbitraries.longs()
                        .between(1, 50_000)
                        .map(n -> BigDecimal.valueOf(n, 2).toPlainString());
        Arbitrary<String> whole = Arbitraries.longs().between(1, 500).map(String::valueOf);
        Arbitrary<String> thousandths =
                Arbitraries.longs()
                        .between(1, 50_000)
                        .map(n -> BigDecimal.valueOf(n, 3).toPlainString());
        Arbitrary<String> paddedWithZeros = cents.map(text -> "00" + text + "000");
        Arbitrary<String> nearTheLimit =
                Arbitraries.of(
                        "9999999999999999.99",
                        "10000000000000000.00",
                        "999999999999999999",
                        "1000000000000000000",
                        "999999999999999.999");
        return Arbitraries.frequencyOf(
                Tuple.of(8, cents),
                Tuple.of(4, whole),
                Tuple.of(2, thousandths),
                Tuple.of(1, paddedWithZeros),
                Tuple.of(1, nearTheLimit));
    }

    private static Arbitrary<Expect> expectations() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new Expect(false, -1))),
                Tuple.of(3, Arbitraries.just(new Expect(true, -1))),
                Tuple.of(1, Arbitraries.longs().between(0, 6).map(n -> new Expect(false, n))));
    }

    // ---- running a history

    /** The accounts after a history: their states, their logs and every command's result. */
    private static final class Ledger {

        private final Map<String, Account> states = new HashMap<>();
        private final Map<String, List<RecordedEvent>> logs = new LinkedHashMap<>();
        private final List<AccountHandler.Handled> handled = new ArrayList<>();

        static Ledger run(List<Step> history) {
            Ledger ledger = new Ledger();
            long timestamp = Fixtures.NOW;
            for (int i = 0; i < history.size(); i++) {
                Step step = history.get(i);
                timestamp += step.delay();
                ledger.handle(step, "c-" + i, timestamp);
            }
            return ledger;
        }

        Account state(String account) {
            return states.getOrDefault(account, AccountDecider.initialState());
        }

        List<RecordedEvent> log(String account) {
            return logs.getOrDefault(account, List.of());
        }

        private void handle(Step step, String commandId, long timestamp) {
            String account = ACCOUNTS.get(step.account());
            Account state = state(account);
            OptionalLong expected =
                    step.expect().current()
                            ? OptionalLong.of(state.sequence())
                            : step.expect().guess() >= 0
                                    ? OptionalLong.of(step.expect().guess())
                                    : OptionalLong.empty();
            CommandEnvelope envelope =
                    new CommandEnvelope(commandId, account, expected, timestamp, command(step));

            AccountHandler.Handled result = AccountHandler.handle(envelope, state);

            handled.add(result);
            states.put(account, result.state());
            logs.computeIfAbsent(account, id -> new ArrayList<>()).addAll(result.events());
            assertThat(result.state().balance()).isNotNegative();
        }

        private static AccountCommand command(Step step) {
            return switch (step.kind()) {
                case OPEN -> Fixtures.open("Owner of " + step.account(), step.currency());
                case DEPOSIT -> Fixtures.deposit(step.amount());
                case WITHDRAW -> Fixtures.withdraw(step.amount());
                case CLOSE -> Fixtures.close();
            };
        }
    }
}
