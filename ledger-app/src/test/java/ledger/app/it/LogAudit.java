package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ledger.codec.CommandCodec;
import ledger.codec.CommandCodec.Address;
import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.Topics;
import ledger.domain.Account;
import ledger.domain.AccountDecider;
import ledger.domain.AccountHandler;
import ledger.domain.AccountHandler.Handled;
import ledger.domain.Outcome;
import ledger.domain.RecordedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Audits the ledger's topics against the pure domain: replays the commands topic, in log order,
 * through the Decider with command-id dedup, and demands that the event log holds exactly the
 * events that replay yields (no loss, no duplicate, same sequences, balances and times), and that
 * every command has exactly one distinct outcome, the one replay yields.
 */
public final class LogAudit {

    /** What the log holds, for further assertions. */
    public record Result(
            Map<String, List<RecordedEvent>> eventsByAccount,
            Map<String, Outcome> outcomes,
            Map<String, Account> accounts,
            int commands,
            int deadLetters) {}

    private LogAudit() {}

    public static Result verify(String bootstrap, Topics topics) {
        Map<String, List<RecordedEvent>> expected = new LinkedHashMap<>();
        Map<String, Outcome> expectedOutcomes = new HashMap<>();
        Map<String, Account> accounts = new HashMap<>();
        Map<String, Set<String>> seen = new HashMap<>();
        int commands = 0;
        int deadLetters = 0;
        for (ConsumerRecord<byte[], byte[]> record :
                LogReader.readAll(bootstrap, topics.commands())) {
            commands++;
            Address address = CommandCodec.address(record.value());
            if (!address.isAddressable()) {
                deadLetters++;
                continue;
            }
            if (!seen.computeIfAbsent(address.accountId(), a -> new HashSet<>())
                    .add(address.commandId())) {
                continue;
            }
            Account state =
                    accounts.getOrDefault(address.accountId(), AccountDecider.initialState());
            Handled handled =
                    AccountHandler.handle(
                            address.commandId(),
                            address.accountId(),
                            CommandCodec.decode(record.value(), record.timestamp()),
                            state);
            accounts.put(address.accountId(), handled.state());
            if (!handled.events().isEmpty()) {
                expected.computeIfAbsent(address.accountId(), a -> new ArrayList<>())
                        .addAll(handled.events());
            }
            expectedOutcomes.put(address.commandId(), handled.outcome().orElseThrow());
        }

        Map<String, List<RecordedEvent>> actual = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                LogReader.readAll(bootstrap, topics.events())) {
            RecordedEvent event = EventCodec.decode(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(event.accountId());
            actual.computeIfAbsent(event.accountId(), a -> new ArrayList<>()).add(event);
        }
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, List<RecordedEvent>> account : expected.entrySet()) {
            List<RecordedEvent> events = actual.get(account.getKey());
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).sequence())
                        .as("sequence of event %d of %s", i, account.getKey())
                        .isEqualTo(i + 1);
            }
            assertThat(events).as("events of %s", account.getKey()).isEqualTo(account.getValue());
        }

        Map<String, Outcome> outcomes = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                LogReader.readAll(bootstrap, topics.outcomes())) {
            Outcome outcome = OutcomeCodec.decode(record.value());
            Outcome first = outcomes.putIfAbsent(outcome.commandId(), outcome);
            assertThat(first == null || first.equals(outcome))
                    .as("every outcome of command %s is the same", outcome.commandId())
                    .isTrue();
        }
        assertThat(outcomes).isEqualTo(expectedOutcomes);
        assertThat(LogReader.readAll(bootstrap, topics.dlq())).hasSize(deadLetters);
        return new Result(actual, outcomes, accounts, commands, deadLetters);
    }
}
