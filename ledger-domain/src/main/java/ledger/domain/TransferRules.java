package ledger.domain;

import java.util.Optional;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;

/**
 * A transfer as a saga across two accounts that cannot see each other: the source debits and sends
 * a credit step; the destination credits and sends a settle step back, or refuses and sends a
 * refund step back. Money in flight is always accounted for by the source.
 */
final class TransferRules {

    private TransferRules() {}

    /** At the source: debit, and ask the destination to credit. */
    static Decision transfer(CommandEnvelope envelope, Transfer transfer, Account state) {
        Optional<Money> amount = transfer.amount().inScale(state.scale());
        if (amount.isEmpty()) {
            return AccountDecider.badAmount(transfer.amount(), state);
        }
        Money balance = state.balanceMoney();
        if (balance.lessThan(amount.get())) {
            return AccountDecider.insufficient(balance, amount.get());
        }
        String transferId = envelope.commandId();
        return Decision.accept(
                new TransferDebited(
                        transferId,
                        transfer.toAccountId(),
                        amount.get(),
                        balance.minus(amount.get())),
                new SagaStep(
                        transfer.toAccountId(),
                        transferId,
                        new CreditTransfer(
                                envelope.accountId(),
                                state.currency(),
                                amount.get(),
                                state.sequence() + 1)));
    }

    /** At the destination: credit and settle, or refuse and refund. Never a rejection. */
    static Decision credit(CommandEnvelope envelope, CreditTransfer credit, Account state) {
        String accountId = envelope.accountId();
        Optional<Decision> unusable = AccountDecider.requireOpen(state, accountId);
        if (unusable.isPresent()) {
            Decision.Rejected why = (Decision.Rejected) unusable.get();
            return refund(envelope, credit, why.reason(), why.message());
        }
        if (!state.currency().equals(credit.currency())) {
            return refund(
                    envelope,
                    credit,
                    Reason.CURRENCY_MISMATCH,
                    "account "
                            + accountId
                            + " holds "
                            + state.currency()
                            + ", not "
                            + credit.currency());
        }
        if (AccountDecider.wouldReachLimit(state, credit.amount())) {
            return refund(
                    envelope,
                    credit,
                    Reason.INVALID_AMOUNT,
                    "a credit of "
                            + credit.amount()
                            + " would take the balance to 10^18 minor units");
        }
        String transferId = envelope.commandId();
        return Decision.accept(
                new TransferCredited(
                        transferId,
                        credit.fromAccountId(),
                        credit.amount(),
                        state.balanceMoney().plus(credit.amount())),
                new SagaStep(
                        credit.fromAccountId(),
                        transferId,
                        new SettleTransfer(accountId, credit.amount(), credit.debitSequence())));
    }

    /** Back at the source: the money returns. Never fails: it was reserved by the debit. */
    static Decision refund(CommandEnvelope envelope, RefundTransfer refund, Account state) {
        return Decision.accept(
                new TransferRefunded(
                        envelope.commandId(),
                        refund.toAccountId(),
                        refund.amount(),
                        state.balanceMoney().plus(refund.amount()),
                        refund.reason()));
    }

    private static Decision refund(
            CommandEnvelope envelope, CreditTransfer credit, Reason reason, String message) {
        return Decision.send(
                new SagaStep(
                        credit.fromAccountId(),
                        envelope.commandId(),
                        new RefundTransfer(
                                envelope.accountId(), credit.amount(), reason, message)));
    }
}
