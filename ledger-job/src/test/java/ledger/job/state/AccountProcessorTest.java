package ledger.job.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import ledger.codec.CommandCodec;
import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.SagaCodec;
import ledger.domain.Account;
import ledger.domain.AccountCommand;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountCommand.Withdraw;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.Amount;
import ledger.domain.CommandEnvelope;
import ledger.domain.Outcome;
import ledger.domain.Parsed;
import ledger.domain.Reason;
import ledger.domain.RecordedEvent;
import ledger.domain.SagaStep;
import ledger.job.Inbound;
import ledger.job.Outbound;
import ledger.job.Outbound.Channel;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Flink adapter adds to the Decider: emitting, dead letters, keyed state, dedup. */
class AccountProcessorTest {

    private static final Duration DEDUP = Duration.ofDays(7);
    private static final long T0 = 1_764_842_400_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, Inbound, Outbound> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void an_accepted_command_emits_its_events_and_outcome_and_updates_the_account()
            throws Exception {
        send(open("c-1", "alice"), T0);
        send(deposit("c-2", "alice", "100.5"), T0 + 5);

        List<RecordedEvent> events = events();
        assertThat(events).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
        assertThat(events.get(1).event())
                .isEqualTo(new MoneyDeposited(money("100.50"), money("100.50")));
        assertThat(events.get(1).occurredAt()).isEqualTo(T0 + 5);
        assertThat(outcomes())
                .containsExactly(
                        Outcome.accepted("c-1", "alice", 1), Outcome.accepted("c-2", "alice", 2));
        Account account = account("alice");
        assertThat(account.balance()).isEqualTo(10050);
        assertThat(account.sequence()).isEqualTo(2);
    }

    @Test
    void a_rejected_command_emits_only_its_outcome_and_leaves_state_alone() throws Exception {
        send(open("c-1", "alice"), T0);
        send(withdraw("c-2", "alice", "5"), T0 + 1);

        assertThat(events()).hasSize(1);
        assertThat(outcomes().get(1).reason()).isEqualTo(Reason.INSUFFICIENT_FUNDS);
        assertThat(account("alice").sequence()).isEqualTo(1);
    }

    @Test
    void a_repeated_command_id_gets_the_first_outcome_again_and_no_event() throws Exception {
        send(open("c-1", "alice"), T0);
        send(deposit("c-2", "alice", "10"), T0 + 1);
        send(deposit("c-2", "alice", "999"), T0 + 2);

        assertThat(events()).hasSize(2);
        List<Outcome> outcomes = outcomes();
        assertThat(outcomes.get(2)).isEqualTo(outcomes.get(1));
        assertThat(account("alice").balance()).isEqualTo(1000);
        assertThat(seenCommands("alice")).containsExactlyInAnyOrder("c-1", "c-2");
    }

    @Test
    void a_malformed_command_is_rejected_and_remembered_like_any_other() throws Exception {
        byte[] malformed =
                "{\"commandId\":\"c-1\",\"accountId\":\"alice\",\"type\":\"Deposit\",\"amount\":5}"
                        .getBytes(StandardCharsets.UTF_8);
        harness.processElement(
                new StreamRecord<>(Inbound.addressed("alice", "c-1", T0, malformed)));

        assertThat(events()).isEmpty();
        assertThat(outcomes()).extracting(Outcome::reason).containsExactly(Reason.INVALID_COMMAND);
        assertThat(seenCommands("alice")).containsExactly("c-1");
    }

    @Test
    void a_poison_record_leaves_as_a_dead_letter_with_its_key_headers_and_reason()
            throws Exception {
        Inbound poison =
                new Inbound(
                        null,
                        null,
                        T0,
                        "not json".getBytes(StandardCharsets.UTF_8),
                        false,
                        "not a JSON object",
                        "k".getBytes(StandardCharsets.UTF_8),
                        new String[] {"trace"},
                        new byte[][] {"t-1".getBytes(StandardCharsets.UTF_8)});

        harness.processElement(new StreamRecord<>(poison));

        assertThat(harness.extractOutputValues()).hasSize(1);
        Outbound dead = harness.extractOutputValues().get(0);
        assertThat(dead.channel()).isEqualTo(Channel.DLQ);
        assertThat(dead.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.value()).isEqualTo("not json".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.headerKeys()).containsExactly("trace", "error");
        assertThat(dead.headerValues()[1])
                .isEqualTo("not a JSON object".getBytes(StandardCharsets.UTF_8));
        assertThat(seenCommands(Inbound.DEAD_LETTER_KEY)).isEmpty();
    }

    @Test
    void occurred_at_never_goes_back_within_an_account() throws Exception {
        send(open("c-1", "alice"), T0);
        send(deposit("c-2", "alice", "1"), T0 - 1000);

        assertThat(events()).extracting(RecordedEvent::occurredAt).containsExactly(T0, T0);
    }

    @Test
    void state_survives_a_snapshot_and_restore() throws Exception {
        send(open("c-1", "alice"), T0);
        send(deposit("c-2", "alice", "7.5"), T0 + 1);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 2);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        send(deposit("c-2", "alice", "7.5"), T0 + 3);
        send(deposit("c-3", "alice", "1"), T0 + 4);

        assertThat(events()).extracting(RecordedEvent::sequence).containsExactly(3L);
        assertThat(outcomes())
                .containsExactly(
                        Outcome.accepted("c-2", "alice", 2), Outcome.accepted("c-3", "alice", 3));
        assertThat(account("alice").balance()).isEqualTo(850);
    }

    @Test
    void a_transfer_debits_sends_a_credit_step_and_answers_only_when_it_settles() throws Exception {
        send(open("c-1", "alice"), T0);
        send(deposit("c-2", "alice", "50"), T0 + 1);
        send(transfer("t-1", "alice", "bob", "20"), T0 + 2);
        send(transfer("t-1", "alice", "bob", "20"), T0 + 3);

        List<Outbound> out =
                harness.extractOutputValues().stream()
                        .filter(record -> record.channel() != Channel.OUTCOMES)
                        .toList();
        assertThat(out)
                .extracting(Outbound::channel)
                .containsExactly(Channel.EVENTS, Channel.EVENTS, Channel.EVENTS, Channel.SAGA);
        SagaStep credit =
                new SagaStep("bob", "t-1", new CreditTransfer("alice", "EUR", money("20.00"), 3));
        assertThat(SagaCodec.decode(out.get(3).value(), 0)).isEqualTo(envelopeOf(credit));
        assertThat(new String(out.get(3).key(), StandardCharsets.UTF_8)).isEqualTo("bob");
        assertThat(outcomes()).extracting(Outcome::commandId).containsExactly("c-1", "c-2");
        assertThat(account("alice").transfersInFlight()).isEqualTo(1);

        step(new SagaStep("alice", "t-1", new SettleTransfer("bob", money("20.00"), 3)), T0 + 4);
        send(transfer("t-1", "alice", "bob", "20"), T0 + 5);

        assertThat(outcomes()).last().isEqualTo(Outcome.accepted("t-1", "alice", 3));
        assertThat(account("alice").transfersInFlight()).isZero();
    }

    @Test
    void a_credit_step_credits_once_even_when_redelivered() throws Exception {
        send(open("c-1", "bob"), T0);
        SagaStep credit =
                new SagaStep("bob", "t-9", new CreditTransfer("alice", "EUR", money("5.00"), 7));

        step(credit, T0 + 1);
        step(credit, T0 + 2);

        assertThat(events()).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
        assertThat(account("bob").balance()).isEqualTo(500);
        assertThat(outcomes()).last().isEqualTo(Outcome.accepted("t-9", "alice", 7));
        assertThat(seenCommands("bob")).contains("~CreditTransfer:t-9");
    }

    private void step(SagaStep step, long timestamp) throws Exception {
        harness.processElement(
                new StreamRecord<>(
                        Inbound.step(
                                step.accountId(),
                                step.dedupKey(),
                                timestamp,
                                SagaCodec.encode(step))));
    }

    private static CommandEnvelope envelopeOf(SagaStep step) {
        return new CommandEnvelope(
                step.transferId(), step.accountId(), OptionalLong.empty(), 0, step.command());
    }

    private static String transfer(String commandId, String from, String to, String amount) {
        return json(commandId, from, new Transfer(to, amount(amount)));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Inbound, Outbound> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AccountProcessor(DEDUP)),
                Inbound::routingKey,
                Types.STRING);
    }

    private void send(String json, long timestamp) throws Exception {
        String accountId = json.replaceAll(".*\"accountId\":\"([^\"]*)\".*", "$1");
        String commandId = json.replaceAll(".*\"commandId\":\"([^\"]*)\".*", "$1");
        harness.processElement(
                new StreamRecord<>(
                        Inbound.addressed(
                                accountId,
                                commandId,
                                timestamp,
                                json.getBytes(StandardCharsets.UTF_8))));
    }

    private List<RecordedEvent> events() {
        return harness.extractOutputValues().stream()
                .filter(out -> out.channel() == Channel.EVENTS)
                .map(out -> EventCodec.decode(out.value()))
                .toList();
    }

    private List<Outcome> outcomes() {
        return harness.extractOutputValues().stream()
                .filter(out -> out.channel() == Channel.OUTCOMES)
                .map(out -> OutcomeCodec.decode(out.value()))
                .toList();
    }

    private Account account(String accountId) throws Exception {
        harness.getOperator().setCurrentKey(accountId);
        ValueState<Account> state =
                harness.getOperator()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                AccountStates.account());
        return state.value();
    }

    private List<String> seenCommands(String accountId) throws Exception {
        harness.getOperator().setCurrentKey(accountId);
        MapState<String, byte[]> state =
                harness.getOperator()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                AccountStates.commands(DEDUP));
        return java.util.stream.StreamSupport.stream(state.keys().spliterator(), false).toList();
    }

    private static ledger.domain.Money money(String text) {
        return ledger.domain.Money.parseCanonical(text);
    }

    private static String open(String commandId, String accountId) {
        return json(commandId, accountId, new OpenAccount("Alice", "EUR"));
    }

    private static String deposit(String commandId, String accountId, String amount) {
        return json(commandId, accountId, new Deposit(amount(amount)));
    }

    private static String withdraw(String commandId, String accountId, String amount) {
        return json(commandId, accountId, new Withdraw(amount(amount)));
    }

    private static Amount amount(String text) {
        return ((Parsed.Valid<Amount>) Amount.parse(text)).value();
    }

    private static String json(String commandId, String accountId, AccountCommand command) {
        return new String(
                CommandCodec.encode(
                        new CommandEnvelope(
                                commandId, accountId, OptionalLong.empty(), 0, command)),
                StandardCharsets.UTF_8);
    }
}
