package ledger.read.http;

import ledger.domain.Outcome;
import ledger.domain.Reason;

/** How an outcome is answered over HTTP: the status for each reason, and the rejection's body. */
final class OutcomeAnswer {

    private OutcomeAnswer() {}

    /** 201 for an accepted command that created a resource (an account), 200 otherwise. */
    static int acceptedStatus(boolean creates) {
        return creates ? 201 : 200;
    }

    /** The contract's status of a rejection. */
    static int rejectedStatus(Reason reason) {
        switch (reason) {
            case INVALID_COMMAND:
            case INVALID_AMOUNT:
                return 400;
            case ACCOUNT_NOT_FOUND:
                return 404;
            case ACCOUNT_EXISTS:
            case CONCURRENCY_CONFLICT:
                return 409;
            default:
                return 422;
        }
    }

    /** The error a rejected outcome is answered with, carrying the outcome as published. */
    static ApiError rejected(Outcome outcome, String outcomeJson) {
        Reason reason = outcome.reason() == null ? Reason.INVALID_COMMAND : outcome.reason();
        String sentence =
                outcome.message() != null && !outcome.message().isBlank()
                        ? outcome.message()
                        : "the ledger rejected command " + outcome.commandId() + ": " + reason;
        return new ApiError(rejectedStatus(reason), reason.name(), sentence, outcomeJson);
    }
}
