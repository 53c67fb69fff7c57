package ledger.job;

/**
 * A record read from the commands topic, as it travels through the job: the ids it is addressed by,
 * the record's timestamp and raw value. When it cannot be addressed, {@code error} says why, and
 * the original key and headers ride along for the dead-letter topic.
 */
public record Inbound(
        String accountId,
        String commandId,
        long timestamp,
        byte[] value,
        String error,
        byte[] key,
        String[] headerKeys,
        byte[][] headerValues) {

    public static Inbound addressed(
            String accountId, String commandId, long timestamp, byte[] value) {
        return new Inbound(accountId, commandId, timestamp, value, null, null, null, null);
    }

    public boolean isAddressable() {
        return error == null;
    }
}
