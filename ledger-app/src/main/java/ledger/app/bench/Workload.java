package ledger.app.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import ledger.codec.CommandCodec;
import ledger.domain.AccountCommand;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountCommand.Withdraw;
import ledger.domain.Amount;
import ledger.domain.CommandEnvelope;

/**
 * The bench's commands, as a client would send them: every account opened and funded first, then
 * seeded sequences of deposits, withdrawals and transfers between Zipf-popular accounts, with a
 * share the ledger must reject and a share of retries of recent commands under their original ids.
 */
final class Workload {

    /**
     * One record to send: the index of its command id within its phase, its key and its JSON, and
     * whether it is a transfer, whose outcome waits for the saga's steps through the log.
     */
    record Command(int index, byte[] key, byte[] value, boolean transfer) {}

    /** Retries repeat one of this many most recent commands, as a client retrying soon would. */
    private static final int RETRY_WINDOW = 256;

    private static final String CURRENCY = "EUR";
    private static final Amount TOO_MUCH = new Amount(BigDecimal.valueOf(1_000_000_000_000_000L));
    private static final Amount ONE = new Amount(BigDecimal.ONE);
    private static final Amount TOO_PRECISE = new Amount(new BigDecimal("1.005"));

    private final BenchPlan plan;
    private final String run;
    private final Zipf zipf;

    Workload(BenchPlan plan, String run) {
        this.plan = plan;
        this.run = run;
        this.zipf = new Zipf(plan.accounts(), plan.zipf());
    }

    String accountId(int rank) {
        return run + "-a" + rank;
    }

    /** The command ids of a phase are this prefix and their index. */
    String idPrefix(String phase) {
        return run + "-" + phase + "-";
    }

    /** Opens and funds every account: command {@code 2r} opens account r, {@code 2r+1} funds it. */
    List<Command> setup() {
        String prefix = idPrefix("setup");
        List<Command> commands = new ArrayList<>(2 * plan.accounts());
        for (int rank = 0; rank < plan.accounts(); rank++) {
            commands.add(
                    command(
                            2 * rank,
                            prefix + 2 * rank,
                            accountId(rank),
                            new OpenAccount("Bench owner " + rank, CURRENCY)));
            commands.add(
                    command(
                            2 * rank + 1,
                            prefix + (2 * rank + 1),
                            accountId(rank),
                            new Deposit(funding(rank))));
        }
        return commands;
    }

    /** The commands of one phase; the same phase and seed give the same commands. */
    Sequence sequence(String phase, long seed) {
        return new Sequence(idPrefix(phase), seed);
    }

    /** How many distinct command ids the first {@code count} commands of a sequence have. */
    int distinct(long seed, int count) {
        Random retries = retries(seed);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            distinct += isRetry(retries, i) ? 0 : 1;
        }
        return distinct;
    }

    /** Commands in order, made as they are taken. */
    final class Sequence {
        private final String prefix;
        private final Random random;
        private final Random retries;
        private final List<Command> recent = new ArrayList<>(RETRY_WINDOW);
        private int taken;
        private int distinct;

        private Sequence(String prefix, long seed) {
            this.prefix = prefix;
            this.random = new Random(seed);
            this.retries = retries(seed);
        }

        Command next() {
            if (isRetry(retries, taken++)) {
                return recent.get(random.nextInt(recent.size()));
            }
            int index = distinct++;
            String id = prefix + index;
            Command command =
                    random.nextDouble() < plan.rejectionShare()
                            ? rejected(index, id)
                            : regular(index, id);
            if (recent.size() < RETRY_WINDOW) {
                recent.add(command);
            } else {
                recent.set(index % RETRY_WINDOW, command);
            }
            return command;
        }

        private Command regular(int index, String id) {
            int from = zipf.next(random);
            Amount amount = new Amount(BigDecimal.valueOf(100 + random.nextInt(10_000), 2));
            switch (plan.mix().pick(random)) {
                case DEPOSIT:
                    return command(index, id, accountId(from), new Deposit(amount));
                case WITHDRAW:
                    return command(index, id, accountId(from), new Withdraw(amount));
                default:
                    int to = zipf.next(random);
                    to = to == from ? (from + 1) % plan.accounts() : to;
                    return command(index, id, accountId(from), new Transfer(accountId(to), amount));
            }
        }

        /** Each of the four ways a client gets a rejection, equally often. */
        private Command rejected(int index, String id) {
            int rank = zipf.next(random);
            String missing = run + "-missing-" + rank;
            switch (random.nextInt(4)) {
                case 0:
                    return command(index, id, accountId(rank), new Withdraw(TOO_MUCH));
                case 1:
                    return command(index, id, missing, new Deposit(ONE));
                case 2:
                    return command(index, id, accountId(rank), new Deposit(TOO_PRECISE));
                default:
                    // Debited, then refunded through the saga: a rejection that writes events.
                    return command(index, id, accountId(rank), new Transfer(missing, ONE));
            }
        }
    }

    /**
     * Money each account starts with: twice what the regular commands of the whole run could take
     * out of it at their largest amount, so that only the planned rejections happen.
     */
    private Amount funding(int rank) {
        double outflow = zipf.share(rank) * plan.plannedCommands() * 2.0 * 101;
        return new Amount(BigDecimal.valueOf(1_000 + (long) Math.ceil(outflow)));
    }

    private boolean isRetry(Random retries, int position) {
        // Drawn for every position, so that counting retries replays the same draws.
        return retries.nextDouble() < plan.duplicateShare() && position > 0;
    }

    private static Random retries(long seed) {
        return new Random(seed * 31 + 17);
    }

    private static Command command(int index, String id, String accountId, AccountCommand command) {
        byte[] value =
                CommandCodec.encode(
                        new CommandEnvelope(id, accountId, OptionalLong.empty(), 0, command));
        return new Command(index, accountId.getBytes(UTF_8), value, command instanceof Transfer);
    }
}
