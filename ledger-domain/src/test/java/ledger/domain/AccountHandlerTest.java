package ledger.domain;

import static ledger.domain.Fixtures.ALICE;
import static ledger.domain.Fixtures.BOB;
import static ledger.domain.Fixtures.COMMAND_ID;
import static ledger.domain.Fixtures.DEPOSITED_100;
import static ledger.domain.Fixtures.NOW;
import static ledger.domain.Fixtures.OPENED;
import static ledger.domain.Fixtures.deposit;
import static ledger.domain.Fixtures.envelope;
import static ledger.domain.Fixtures.open;
import static ledger.domain.Fixtures.withdraw;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the handler adds to the Decider: sequences, times, ids and outcomes. */
class AccountHandlerTest {

    @Test
    void successive_accepted_commands_write_sequences_1_2_3_without_gaps() {
        List<RecordedEvent> log =
                run(
                        envelope("c-1", NOW, open()),
                        envelope("c-2", NOW + 1, deposit("100.00")),
                        envelope("c-3", NOW + 2, withdraw("40.00")));

        assertThat(log).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void a_rejected_command_in_between_leaves_no_gap_in_the_sequence() {
        List<RecordedEvent> log =
                run(
                        envelope("c-1", NOW, open()),
                        envelope("c-2", NOW + 1, withdraw("40.00")),
                        envelope("c-3", NOW + 2, deposit("100.00")));

        assertThat(log).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void an_event_names_its_account_and_the_command_that_caused_it() {
        RecordedEvent event = handle(envelope("c-9", NOW, open()), initial()).events().get(0);

        assertThat(event.accountId()).isEqualTo(ALICE);
        assertThat(event.commandId()).isEqualTo("c-9");
        assertThat(event.event()).isEqualTo(OPENED);
    }

    @Test
    void an_event_occurs_at_the_timestamp_of_the_record_that_carried_the_command() {
        RecordedEvent event = handle(envelope("c-1", NOW, open()), initial()).events().get(0);

        assertThat(event.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void an_event_never_occurs_before_the_previous_event_of_the_account() {
        List<RecordedEvent> log =
                run(envelope("c-1", NOW, open()), envelope("c-2", NOW - 60_000, deposit("100.00")));

        assertThat(log).extracting(RecordedEvent::occurredAt).containsExactly(NOW, NOW);
    }

    @Test
    void a_later_timestamp_after_a_raised_one_is_kept_as_it_is() {
        List<RecordedEvent> log =
                run(
                        envelope("c-1", NOW, open()),
                        envelope("c-2", NOW - 60_000, deposit("100.00")),
                        envelope("c-3", NOW + 5, deposit("1.00")));

        assertThat(log).extracting(RecordedEvent::occurredAt).containsExactly(NOW, NOW, NOW + 5);
    }

    @Test
    void the_state_remembers_when_the_last_event_occurred() {
        AccountHandler.Handled handled = handle(envelope("c-1", NOW, open()), initial());

        assertThat(handled.state().lastOccurredAt()).isEqualTo(NOW);
        assertThat(handled.state().sequence()).isEqualTo(1);
    }

    @Test
    void a_rejected_command_writes_no_event() {
        Account funded = AccountSpec.stateAfter(OPENED, DEPOSITED_100);

        AccountHandler.Handled handled = handle(envelope(withdraw("250.00")), funded);

        assertThat(handled.events()).isEmpty();
    }

    @Test
    void a_rejected_command_leaves_the_state_as_it_was() {
        Account funded = AccountSpec.stateAfter(OPENED, DEPOSITED_100);

        AccountHandler.Handled handled = handle(envelope(withdraw("250.00")), funded);

        assertThat(handled.state()).isEqualTo(funded);
    }

    @Test
    void a_rejected_command_has_a_rejected_outcome_with_reason_message_and_no_sequence() {
        Account funded = AccountSpec.stateAfter(OPENED, DEPOSITED_100);

        Outcome outcome = handle(envelope(withdraw("250.00")), funded).outcome().orElseThrow();

        assertThat(outcome)
                .isEqualTo(
                        new Outcome(
                                COMMAND_ID,
                                ALICE,
                                Outcome.Status.REJECTED,
                                Reason.INSUFFICIENT_FUNDS,
                                "balance 100.00 is less than 250.00",
                                OptionalLong.empty()));
        assertThat(outcome.isAccepted()).isFalse();
    }

    @Test
    void an_accepted_command_has_an_accepted_outcome_with_the_sequence_of_its_last_event() {
        Account funded = AccountSpec.stateAfter(OPENED, DEPOSITED_100);

        Outcome outcome = handle(envelope(withdraw("40.00")), funded).outcome().orElseThrow();

        assertThat(outcome).isEqualTo(Outcome.accepted(COMMAND_ID, ALICE, 3));
        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.reason()).isNull();
    }

    @Test
    void the_state_after_an_accepted_command_is_the_state_its_events_lead_to() {
        Account funded = AccountSpec.stateAfter(OPENED, DEPOSITED_100);

        AccountHandler.Handled handled = handle(envelope(withdraw("40.00")), funded);

        Account replayed = funded;
        for (RecordedEvent event : handled.events()) {
            replayed = AccountDecider.evolve(replayed, event);
        }
        assertThat(handled.state()).isEqualTo(replayed);
        assertThat(handled.state().balance()).isEqualTo(6000);
    }

    @Test
    void the_same_account_and_sequence_always_give_the_same_event_id() {
        RecordedEvent first = new RecordedEvent(ALICE, 2, "c-1", NOW, DEPOSITED_100);
        RecordedEvent again = new RecordedEvent(ALICE, 2, "c-other", NOW + 9, OPENED);

        assertThat(first.eventId()).isEqualTo(again.eventId());
    }

    @Test
    void another_sequence_of_the_same_account_gives_another_event_id() {
        RecordedEvent second = new RecordedEvent(ALICE, 2, "c-1", NOW, DEPOSITED_100);
        RecordedEvent third = new RecordedEvent(ALICE, 3, "c-1", NOW, DEPOSITED_100);

        assertThat(second.eventId()).isNotEqualTo(third.eventId());
    }

    @Test
    void the_same_sequence_of_another_account_gives_another_event_id() {
        RecordedEvent alices = new RecordedEvent(ALICE, 1, "c-1", NOW, OPENED);
        RecordedEvent bobs = new RecordedEvent(BOB, 1, "c-1", NOW, OPENED);

        assertThat(alices.eventId()).isNotEqualTo(bobs.eventId());
    }

    @Test
    void an_event_id_is_a_name_based_uuid() {
        UUID id = new RecordedEvent(ALICE, 1, "c-1", NOW, OPENED).eventId();

        assertThat(id.version()).isEqualTo(3);
    }

    @Test
    void replaying_the_same_commands_gives_the_same_events() {
        CommandEnvelope[] commands = {
            envelope("c-1", NOW, open()),
            envelope("c-2", NOW - 5, deposit("100.00")),
            envelope("c-3", NOW + 7, withdraw("0.50"))
        };

        assertThat(run(commands)).isEqualTo(run(commands));
    }

    @Test
    void every_event_has_schema_version_1() {
        assertThat(RecordedEvent.SCHEMA_VERSION).isEqualTo(1);
    }

    private static Account initial() {
        return AccountDecider.initialState();
    }

    private static AccountHandler.Handled handle(CommandEnvelope envelope, Account state) {
        return AccountHandler.handle(envelope, state);
    }

    /** Handles the commands in order from a free account id; returns every event written. */
    private static List<RecordedEvent> run(CommandEnvelope... commands) {
        Account state = initial();
        List<RecordedEvent> log = new ArrayList<>();
        for (CommandEnvelope command : commands) {
            AccountHandler.Handled handled = handle(command, state);
            state = handled.state();
            log.addAll(handled.events());
        }
        return log;
    }
}
