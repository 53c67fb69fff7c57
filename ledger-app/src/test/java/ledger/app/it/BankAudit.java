package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.Topics;
import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.Outcome;
import ledger.domain.RecordedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The bank test's checks, on the whole log read with read_committed: every command has exactly one
 * distinct outcome; no event twice; per-account sequences contiguous; no negative balance; each
 * event's balance equals the replayed running balance; every transfer settled exactly once; money
 * conserved with nothing in flight.
 */
public final class BankAudit {

    /** What the log held, for the test's report. */
    public record Report(int events, int debited, int credited, int refunded, long totalMinor) {}

    private BankAudit() {}

    public static Report verify(String servers, Topics topics, Set<String> commandIds) {
        Map<String, Outcome> outcomes = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                LogReader.readAll(servers, topics.outcomes())) {
            Outcome outcome = OutcomeCodec.decode(record.value());
            Outcome first = outcomes.putIfAbsent(outcome.commandId(), outcome);
            assertThat(first == null || first.equals(outcome))
                    .as("all outcomes of %s are the same", outcome.commandId())
                    .isTrue();
        }
        assertThat(outcomes.keySet()).as("every command has an outcome").containsAll(commandIds);

        Map<String, List<RecordedEvent>> accounts = new LinkedHashMap<>();
        Set<UUID> eventIds = new HashSet<>();
        List<RecordedEvent> all = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : LogReader.readAll(servers, topics.events())) {
            RecordedEvent event = EventCodec.decode(record.value());
            assertThat(eventIds.add(event.eventId())).as("no event twice: %s", event).isTrue();
            accounts.computeIfAbsent(event.accountId(), a -> new ArrayList<>()).add(event);
            all.add(event);
        }

        long deposits = 0;
        long withdrawals = 0;
        long balances = 0;
        Map<String, RecordedEvent> debits = new HashMap<>();
        Map<String, RecordedEvent> settlements = new HashMap<>();
        for (Map.Entry<String, List<RecordedEvent>> account : accounts.entrySet()) {
            long running = 0;
            List<RecordedEvent> events = account.getValue();
            for (int i = 0; i < events.size(); i++) {
                RecordedEvent recorded = events.get(i);
                assertThat(recorded.sequence())
                        .as("contiguous %s", account.getKey())
                        .isEqualTo(i + 1);
                AccountEvent event = recorded.event();
                long amount = amount(event);
                if (event instanceof MoneyDeposited) {
                    running += amount;
                    deposits += amount;
                } else if (event instanceof MoneyWithdrawn) {
                    running -= amount;
                    withdrawals += amount;
                } else if (event instanceof TransferDebited debited) {
                    running -= amount;
                    assertThat(debits.put(debited.transferId(), recorded)).isNull();
                } else if (event instanceof TransferCredited credited) {
                    running += amount;
                    assertThat(settlements.put(credited.transferId(), recorded))
                            .as("settled once: %s", credited.transferId())
                            .isNull();
                } else if (event instanceof TransferRefunded refunded) {
                    running += amount;
                    assertThat(settlements.put(refunded.transferId(), recorded))
                            .as("settled once: %s", refunded.transferId())
                            .isNull();
                }
                assertThat(running).as("no negative balance in %s", recorded).isNotNegative();
                Long stated = balance(event);
                if (stated != null) {
                    assertThat(stated).as("stated balance of %s", recorded).isEqualTo(running);
                }
            }
            balances += running;
        }

        assertThat(settlements.keySet())
                .as("every debit settled, nothing in flight, nothing settled undebited")
                .isEqualTo(debits.keySet());
        int credited = 0;
        int refunded = 0;
        for (Map.Entry<String, RecordedEvent> debit : debits.entrySet()) {
            RecordedEvent settlement = settlements.get(debit.getKey());
            Outcome outcome = outcomes.get(debit.getKey());
            assertThat(amount(settlement.event())).isEqualTo(amount(debit.getValue().event()));
            if (settlement.event() instanceof TransferCredited) {
                credited++;
                assertThat(outcome)
                        .isEqualTo(
                                Outcome.accepted(
                                        debit.getKey(),
                                        debit.getValue().accountId(),
                                        debit.getValue().sequence()));
            } else {
                refunded++;
                TransferRefunded refund = (TransferRefunded) settlement.event();
                assertThat(outcome.reason()).isEqualTo(refund.reason());
                assertThat(outcome.sequence()).hasValue(settlement.sequence());
            }
        }
        assertThat(balances).as("money conserved").isEqualTo(deposits - withdrawals);
        assertThat(LogReader.readAll(servers, topics.dlq())).as("no dead letters").isEmpty();
        return new Report(all.size(), debits.size(), credited, refunded, balances);
    }

    private static long amount(AccountEvent event) {
        if (event instanceof MoneyDeposited e) {
            return e.amount().minor();
        } else if (event instanceof MoneyWithdrawn e) {
            return e.amount().minor();
        } else if (event instanceof TransferDebited e) {
            return e.amount().minor();
        } else if (event instanceof TransferCredited e) {
            return e.amount().minor();
        } else if (event instanceof TransferRefunded e) {
            return e.amount().minor();
        }
        return 0;
    }

    private static Long balance(AccountEvent event) {
        if (event instanceof MoneyDeposited e) {
            return e.balance().minor();
        } else if (event instanceof MoneyWithdrawn e) {
            return e.balance().minor();
        } else if (event instanceof TransferDebited e) {
            return e.balance().minor();
        } else if (event instanceof TransferCredited e) {
            return e.balance().minor();
        } else if (event instanceof TransferRefunded e) {
            return e.balance().minor();
        }
        return null;
    }
}
