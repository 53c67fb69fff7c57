package ledger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one command through the Decider: decide, stamp each event with its sequence and time, evolve
 * the state, and state the outcome. What a stream processor does per command, without the stream
 * processor.
 */
public final class AccountHandler {

    private AccountHandler() {}

    /** The state after a command, the events it appended and the outcome to publish. */
    public record Handled(Account state, List<RecordedEvent> events, Outcome outcome) {}

    /** Handles a decoded command, or rejects one that could not be decoded. */
    public static Handled handle(
            String commandId, String accountId, Parsed<CommandEnvelope> parsed, Account state) {
        if (parsed instanceof Parsed.Valid<CommandEnvelope> valid) {
            return handle(valid.value(), state);
        }
        Parsed.Invalid<CommandEnvelope> invalid = (Parsed.Invalid<CommandEnvelope>) parsed;
        return new Handled(
                state,
                List.of(),
                Outcome.rejected(commandId, accountId, invalid.reason(), invalid.message()));
    }

    public static Handled handle(CommandEnvelope envelope, Account state) {
        Decision decision = AccountDecider.decide(envelope, state);
        if (decision instanceof Decision.Rejected rejected) {
            return new Handled(
                    state,
                    List.of(),
                    Outcome.rejected(
                            envelope.commandId(),
                            envelope.accountId(),
                            rejected.reason(),
                            rejected.message()));
        }
        List<AccountEvent> accepted = ((Decision.Accepted) decision).events();
        // occurredAt is the carrying record's time, but never before the account's last event.
        long occurredAt = Math.max(envelope.timestamp(), state.lastOccurredAt());
        List<RecordedEvent> recorded = new ArrayList<>(accepted.size());
        Account next = state;
        for (AccountEvent event : accepted) {
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
        return new Handled(
                next,
                List.copyOf(recorded),
                Outcome.accepted(envelope.commandId(), envelope.accountId(), next.sequence()));
    }
}
