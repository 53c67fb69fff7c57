package ledger.read.http;

/** A command could not be handed to Kafka: the API answers 503 {@code UNAVAILABLE}. */
public final class CommandNotSentException extends RuntimeException {

    public CommandNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
