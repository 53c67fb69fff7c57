package ledger.domain;

import java.util.List;

/** What the Decider makes of a command: events to append, or a rejection with its reason. */
public sealed interface Decision {

    /** The command is valid: these events happen, in this order. */
    record Accepted(List<AccountEvent> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** A rule forbids the command; nothing happens. */
    record Rejected(Reason reason, String message) implements Decision {}

    static Decision accept(AccountEvent... events) {
        return new Accepted(List.of(events));
    }

    static Decision reject(Reason reason, String message) {
        return new Rejected(reason, message);
    }
}
