package ledger.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.AccountCommand.Transfer;

/**
 * Runs one command or saga step through the Decider: decide, stamp each event with its sequence and
 * time, evolve the state, and say what to publish and what to remember. What a stream processor
 * does per message, without the stream processor.
 */
public final class AccountHandler {

    private AccountHandler() {}

    /**
     * Something the account remembers under a dedup key: the outcome to answer a repeat with, or
     * none (a transfer still in flight, or a saga step already handled): a repeat then gets
     * nothing.
     */
    public record Memo(String key, Optional<Outcome> outcome) {}

    /** The state after a message, what it appended and sends, what to publish and remember. */
    public record Handled(
            Account state,
            List<RecordedEvent> events,
            List<SagaStep> steps,
            Optional<Outcome> outcome,
            List<Memo> memos) {}

    /** The key under which a message's handling is remembered. */
    public static String dedupKey(CommandEnvelope envelope) {
        AccountCommand command = envelope.command();
        return command.isSagaStep()
                ? SagaStep.dedupKey(command, envelope.commandId())
                : envelope.commandId();
    }

    /** Handles a decoded command, or rejects one that could not be decoded. */
    public static Handled handle(
            String commandId, String accountId, Parsed<CommandEnvelope> parsed, Account state) {
        if (parsed instanceof Parsed.Valid<CommandEnvelope> valid) {
            return handle(valid.value(), state);
        }
        Parsed.Invalid<CommandEnvelope> invalid = (Parsed.Invalid<CommandEnvelope>) parsed;
        return answered(
                state,
                Outcome.rejected(commandId, accountId, invalid.reason(), invalid.message()),
                commandId);
    }

    public static Handled handle(CommandEnvelope envelope, Account state) {
        Decision decision = AccountDecider.decide(envelope, state);
        String key = dedupKey(envelope);
        if (decision instanceof Decision.Rejected rejected) {
            return answered(
                    state,
                    Outcome.rejected(
                            envelope.commandId(),
                            envelope.accountId(),
                            rejected.reason(),
                            rejected.message()),
                    key);
        }
        Decision.Accepted accepted = (Decision.Accepted) decision;
        // occurredAt is the carrying record's time, but never before the account's last event.
        long occurredAt = Math.max(envelope.timestamp(), state.lastOccurredAt());
        List<RecordedEvent> recorded = new ArrayList<>(accepted.events().size());
        Account next = state;
        for (AccountEvent event : accepted.events()) {
            RecordedEvent stamped =
                    new RecordedEvent(
                            envelope.accountId(),
                            next.sequence() + 1,
                            envelope.commandId(),
                            occurredAt,
                            event);
            next = AccountDecider.evolve(next, stamped);
            recorded.add(stamped);
        }
        return settle(envelope, key, next, List.copyOf(recorded), accepted.steps());
    }

    /** Who learns what: the saga decides which outcome is published where, and when. */
    private static Handled settle(
            CommandEnvelope envelope,
            String key,
            Account next,
            List<RecordedEvent> events,
            List<SagaStep> steps) {
        AccountCommand command = envelope.command();
        String id = envelope.commandId();
        if (command instanceof Transfer) {
            // In flight: the outcome follows when the destination has answered.
            return new Handled(next, events, steps, Optional.empty(), List.of(pending(key)));
        }
        if (command instanceof CreditTransfer credit) {
            Optional<Outcome> outcome =
                    events.isEmpty()
                            ? Optional.empty()
                            : Optional.of(
                                    Outcome.accepted(
                                            id, credit.fromAccountId(), credit.debitSequence()));
            return new Handled(next, events, steps, outcome, List.of(pending(key)));
        }
        if (command instanceof RefundTransfer refund) {
            Outcome outcome =
                    Outcome.rejected(
                            id,
                            envelope.accountId(),
                            refund.reason(),
                            refund.message(),
                            next.sequence());
            return new Handled(
                    next,
                    events,
                    steps,
                    Optional.of(outcome),
                    List.of(pending(key), new Memo(id, Optional.of(outcome))));
        }
        if (command instanceof SettleTransfer settled) {
            Outcome outcome = Outcome.accepted(id, envelope.accountId(), settled.debitSequence());
            return new Handled(
                    AccountDecider.settle(next, settled.amount()),
                    events,
                    steps,
                    Optional.empty(),
                    List.of(pending(key), new Memo(id, Optional.of(outcome))));
        }
        Outcome outcome = Outcome.accepted(id, envelope.accountId(), next.sequence());
        return new Handled(
                next,
                events,
                steps,
                Optional.of(outcome),
                List.of(new Memo(key, Optional.of(outcome))));
    }

    private static Handled answered(Account state, Outcome outcome, String key) {
        return new Handled(
                state,
                List.of(),
                List.of(),
                Optional.of(outcome),
                List.of(new Memo(key, Optional.of(outcome))));
    }

    private static Memo pending(String key) {
        return new Memo(key, Optional.empty());
    }
}
