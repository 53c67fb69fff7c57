package ledger.domain;

/**
 * A message from one account to another on the saga topic: a step of the transfer {@code
 * transferId} (the Transfer's command id) for the account {@code accountId}.
 */
public record SagaStep(String accountId, String transferId, AccountCommand command) {

    /**
     * The key under which an account remembers having handled this step: a redelivered step is
     * recognised and never applied twice. No command id can collide with it ({@code ~} is not
     * allowed in one).
     */
    public static String dedupKey(AccountCommand step, String transferId) {
        return "~" + step.getClass().getSimpleName() + ":" + transferId;
    }

    public String dedupKey() {
        return dedupKey(command, transferId);
    }
}
