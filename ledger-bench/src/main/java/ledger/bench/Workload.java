package ledger.bench;

import java.math.BigDecimal;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.UUID;
import ledger.codec.CommandCodec;
import ledger.domain.Account;
import ledger.domain.AccountCommand;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountDecider;
import ledger.domain.AccountHandler;
import ledger.domain.AccountHandler.Handled;
import ledger.domain.Amount;
import ledger.domain.CommandEnvelope;
import ledger.domain.Outcome;
import ledger.domain.Parsed;
import ledger.domain.RecordedEvent;

/**
 * The inputs of the hot-path benchmarks, made once before measuring: thousands of open EUR
 * accounts, each with a Deposit and a Transfer as a client sends them and as every later stage of
 * the path sees them. Distinct inputs keep the JIT from folding a stage into a constant.
 */
final class Workload {

    /** A power of two, so a benchmark picks its next input with a mask. */
    static final int SIZE = 4096;

    /** One command at every stage of the path, each stage made by the code the job runs. */
    record Command(
            byte[] json,
            long timestamp,
            Account state,
            String commandId,
            String accountId,
            Parsed<CommandEnvelope> parsed,
            CommandEnvelope envelope,
            Handled handled,
            RecordedEvent event,
            Outcome outcome) {}

    private static final long START = 1_796_342_400_000L; // 2026-12-04T00:00:00Z

    final Command[] deposits = new Command[SIZE];
    final Command[] transfers = new Command[SIZE];

    /** The same seed always gives the same workload. */
    Workload(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SIZE; i++) {
            String accountId = accountId(i);
            long timestamp = START + 1_000L * i;
            Account state = opened(accountId, timestamp, cents(random, 100_000, 10_000_000));
            // Amounts stay below 1000.00 and balances above it, so every command is accepted.
            deposits[i] =
                    command(
                            accountId,
                            new Deposit(cents(random, 1, 100_000)),
                            timestamp + 1,
                            state,
                            random);
            transfers[i] =
                    command(
                            accountId,
                            new Transfer(accountId((i + 1) % SIZE), cents(random, 1, 100_000)),
                            timestamp + 2,
                            state,
                            random);
        }
    }

    private static String accountId(int i) {
        return String.format("acct-%04d", i);
    }

    /** An amount in EUR cents, in {@code [from, to)}. */
    private static Amount cents(SplittableRandom random, long from, long to) {
        return new Amount(BigDecimal.valueOf(random.nextLong(from, to), 2));
    }

    /** An account opened and funded through the Decider, as its events would have left it. */
    private static Account opened(String accountId, long timestamp, Amount funds) {
        Account state = AccountDecider.initialState();
        state = handle(accountId, new OpenAccount("Owner " + accountId, "EUR"), timestamp, state);
        return handle(accountId, new Deposit(funds), timestamp, state);
    }

    private static Account handle(
            String accountId, AccountCommand command, long timestamp, Account state) {
        CommandEnvelope envelope =
                new CommandEnvelope(
                        "setup-" + accountId + "-" + state.sequence(),
                        accountId,
                        OptionalLong.empty(),
                        timestamp,
                        command);
        return AccountHandler.handle(envelope, state).state();
    }

    private static Command command(
            String accountId,
            AccountCommand command,
            long timestamp,
            Account state,
            SplittableRandom random) {
        String commandId = new UUID(random.nextLong(), random.nextLong()).toString();
        byte[] json =
                CommandCodec.encode(
                        new CommandEnvelope(
                                commandId, accountId, OptionalLong.empty(), timestamp, command));
        Parsed<CommandEnvelope> parsed = CommandCodec.decode(json, timestamp);
        if (!(parsed instanceof Parsed.Valid<CommandEnvelope> valid)) {
            throw new IllegalStateException("workload command does not decode: " + parsed);
        }
        Handled handled = AccountHandler.handle(commandId, accountId, parsed, state);
        // A rejection would measure the short path: refuse to build such a workload.
        if (handled.events().size() != 1
                || handled.outcome().map(outcome -> !outcome.isAccepted()).orElse(false)) {
            throw new IllegalStateException("workload command is not accepted: " + handled);
        }
        return new Command(
                json,
                timestamp,
                state,
                commandId,
                accountId,
                parsed,
                valid.value(),
                handled,
                handled.events().get(0),
                handled.outcome().orElse(null));
    }
}
