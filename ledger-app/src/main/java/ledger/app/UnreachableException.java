package ledger.app;

/** The ledger (its Kafka brokers) cannot be reached: exit code 3. */
public final class UnreachableException extends RuntimeException {

    public UnreachableException(String message) {
        super(message);
    }
}
