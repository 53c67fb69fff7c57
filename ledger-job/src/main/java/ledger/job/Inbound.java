package ledger.job;

/**
 * A record read from the commands or saga topic, as it travels through the job: the account it is
 * for, the key it is deduplicated by (the command id, or a saga step's own key), the record's
 * timestamp and raw value. When it cannot be addressed, {@code error} says why, and the original
 * key and headers ride along for the dead-letter topic.
 */
public record Inbound(
        String accountId,
        String commandId,
        long timestamp,
        byte[] value,
        boolean saga,
        String error,
        byte[] key,
        String[] headerKeys,
        byte[][] headerValues) {

    public static Inbound addressed(
            String accountId, String commandId, long timestamp, byte[] value) {
        return new Inbound(accountId, commandId, timestamp, value, false, null, null, null, null);
    }

    /** A transfer step from the saga topic, deduplicated by {@code dedupKey}. */
    public static Inbound step(String accountId, String dedupKey, long timestamp, byte[] value) {
        return new Inbound(accountId, dedupKey, timestamp, value, true, null, null, null, null);
    }

    /**
     * Records that cannot be addressed all travel under this key, which no account id can take (ids
     * never contain '~'): they touch no state, so one key for all of them costs nothing.
     */
    public static final String DEAD_LETTER_KEY = "~dead-letters";

    public boolean isAddressable() {
        return error == null;
    }

    /** The key the job partitions by: the account, or {@link #DEAD_LETTER_KEY}. */
    public String routingKey() {
        return isAddressable() ? accountId : DEAD_LETTER_KEY;
    }
}
