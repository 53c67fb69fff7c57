package ledger.domain;

import java.util.List;

/**
 * What the Decider makes of a command: events to append and saga steps to send, or a rejection with
 * its reason.
 */
public sealed interface Decision {

    /** The command is valid: these events happen, in this order, and these steps go out. */
    record Accepted(List<AccountEvent> events, List<SagaStep> steps) implements Decision {
        public Accepted {
            events = List.copyOf(events);
            steps = List.copyOf(steps);
        }
    }

    /** A rule forbids the command; nothing happens. */
    record Rejected(Reason reason, String message) implements Decision {}

    static Decision accept(AccountEvent... events) {
        return new Accepted(List.of(events), List.of());
    }

    static Decision accept(AccountEvent event, SagaStep step) {
        return new Accepted(List.of(event), List.of(step));
    }

    static Decision send(SagaStep step) {
        return new Accepted(List.of(), List.of(step));
    }

    static Decision reject(Reason reason, String message) {
        return new Rejected(reason, message);
    }
}
