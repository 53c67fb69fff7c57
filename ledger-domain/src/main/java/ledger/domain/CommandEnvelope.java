package ledger.domain;

import java.util.OptionalLong;

/**
 * A command with what the outside world attaches to it: its id, its account, the optional expected
 * sequence, and the timestamp of the log record that carried it. Time enters the domain only here,
 * so deciding stays a pure function.
 */
public record CommandEnvelope(
        String commandId,
        String accountId,
        OptionalLong expectedSequence,
        long timestamp,
        AccountCommand command) {}
