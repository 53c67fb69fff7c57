package ledger.read.http;

/**
 * An answer other than success, as the API sends it: a status, a reason code and a sentence, plus
 * the outcome JSON when the ledger processed the command. Thrown by the routes and written by one
 * exception handler, so every error body has the same shape.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String reason;
    private final String outcome;

    ApiError(int status, String reason, String sentence, String outcome) {
        super(sentence, null, false, false);
        this.status = status;
        this.reason = reason;
        this.outcome = outcome;
    }

    static ApiError badCommand(String sentence) {
        return new ApiError(400, "INVALID_COMMAND", sentence, null);
    }

    static ApiError badQuery(String sentence) {
        return new ApiError(400, "INVALID_QUERY", sentence, null);
    }

    static ApiError accountNotFound(String accountId) {
        return new ApiError(404, "ACCOUNT_NOT_FOUND", "account " + accountId + " not found", null);
    }

    static ApiError unavailable(String sentence) {
        return new ApiError(503, "UNAVAILABLE", sentence, null);
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    /** The outcome JSON as published, or null when no command was processed. */
    String outcome() {
        return outcome;
    }
}
