package ledger.domain;

import java.util.List;
import java.util.OptionalLong;
import ledger.domain.AccountCommand.CloseAccount;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountCommand.Withdraw;
import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;

/**
 * The shared vocabulary of the domain tests: one account, "alice", in euros, and the commands and
 * events that tests talk about. Ids and timestamps are fixed so every run sees the same events.
 */
final class Fixtures {

    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String COMMAND_ID = "c-42";

    /** 2026-12-04T10:00:00Z, the time of the record that carries every fixture command. */
    static final long NOW = 1_796_378_400_000L;

    static final AccountEvent OPENED = new AccountOpened("Alice", "EUR");
    static final AccountEvent DEPOSITED_100 = new MoneyDeposited(eur("100.00"), eur("100.00"));
    static final AccountEvent WITHDRAWN_100 = new MoneyWithdrawn(eur("100.00"), eur("0.00"));
    static final AccountEvent CLOSED = new AccountClosed();

    private Fixtures() {}

    // ---- events

    /** Alice's account opened in another currency. */
    static AccountEvent opened(String currency) {
        return new AccountOpened("Alice", currency);
    }

    /**
     * A deposit, amounts in canonical text of the account's currency ("100.00", "500", "1.234").
     */
    static AccountEvent deposited(String amount, String balance) {
        return new MoneyDeposited(Money.parseCanonical(amount), Money.parseCanonical(balance));
    }

    /** A withdrawal, amounts in canonical text of the account's currency. */
    static AccountEvent withdrawn(String amount, String balance) {
        return new MoneyWithdrawn(Money.parseCanonical(amount), Money.parseCanonical(balance));
    }

    // ---- money

    /** Canonical text to money: {@code eur("100.50")} is 10050 cents. */
    static Money eur(String canonical) {
        Money money = Money.parseCanonical(canonical);
        if (money.scale() != 2) {
            throw new IllegalArgumentException("not a canonical EUR amount: " + canonical);
        }
        return money;
    }

    /** An amount as a command states it; the text must be valid syntax. */
    static Amount amount(String text) {
        Parsed<Amount> parsed = Amount.parse(text);
        if (parsed instanceof Parsed.Valid<Amount> valid) {
            return valid.value();
        }
        throw new IllegalArgumentException("not a valid amount in a fixture: " + parsed);
    }

    // ---- commands

    static AccountCommand open() {
        return open("Alice", "EUR");
    }

    static AccountCommand open(String owner, String currency) {
        return new OpenAccount(owner, currency);
    }

    static AccountCommand deposit(String amount) {
        return new Deposit(amount(amount));
    }

    static AccountCommand withdraw(String amount) {
        return new Withdraw(amount(amount));
    }

    static AccountCommand close() {
        return new CloseAccount();
    }

    // ---- envelopes

    /** The command for alice, id {@link #COMMAND_ID}, at {@link #NOW}, no expected sequence. */
    static CommandEnvelope envelope(AccountCommand command) {
        return new CommandEnvelope(COMMAND_ID, ALICE, OptionalLong.empty(), NOW, command);
    }

    /** The command for alice, applied only if her last event sequence is {@code sequence}. */
    static CommandEnvelope expecting(long sequence, AccountCommand command) {
        return new CommandEnvelope(COMMAND_ID, ALICE, OptionalLong.of(sequence), NOW, command);
    }

    /** The command for alice with its own id and record timestamp. */
    static CommandEnvelope envelope(String commandId, long timestamp, AccountCommand command) {
        return new CommandEnvelope(commandId, ALICE, OptionalLong.empty(), timestamp, command);
    }

    // ---- one example of every member of the sealed families

    /** An example of each kind of command; {@code SealedFamiliesTest} demands one per subtype. */
    static List<AccountCommand> everyCommand() {
        return List.of(
                open(),
                deposit("10.00"),
                withdraw("10.00"),
                transfer(BOB, "10.00"),
                close(),
                credit(ALICE_AS_SOURCE, "EUR", "10.00", 2),
                refund(BOB, "10.00", Reason.ACCOUNT_NOT_FOUND),
                settle(BOB, "10.00", 2));
    }

    /** An example of each kind of event; {@code SealedFamiliesTest} demands one per subtype. */
    static List<AccountEvent> everyEvent() {
        return List.of(
                OPENED,
                DEPOSITED_100,
                WITHDRAWN_100,
                new TransferDebited(COMMAND_ID, BOB, eur("10.00"), eur("90.00")),
                new TransferCredited(COMMAND_ID, "carol", eur("10.00"), eur("110.00")),
                new TransferRefunded(
                        COMMAND_ID, BOB, eur("10.00"), eur("100.00"), Reason.ACCOUNT_NOT_FOUND),
                CLOSED);
    }

    // ---- transfers

    /** The account a credit step names as its source, when alice is the destination. */
    static final String ALICE_AS_SOURCE = "carol";

    static AccountCommand transfer(String to, String amount) {
        return new Transfer(to, amount(amount));
    }

    static AccountCommand credit(String from, String currency, String amount, long debitSequence) {
        return new CreditTransfer(from, currency, Money.parseCanonical(amount), debitSequence);
    }

    static AccountCommand refund(String to, String amount, Reason reason) {
        return new RefundTransfer(to, Money.parseCanonical(amount), reason, "refused");
    }

    static AccountCommand settle(String to, String amount, long debitSequence) {
        return new SettleTransfer(to, Money.parseCanonical(amount), debitSequence);
    }
}
