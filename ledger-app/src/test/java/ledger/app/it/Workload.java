package ledger.app.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of commands over a set of accounts: opens first, then deposits, withdrawals (some
 * beyond the balance), amounts too precise, unknown accounts, closes and repeated ids.
 */
public final class Workload {

    /** One command to send: its account, id and JSON. */
    public record Command(String accountId, String commandId, String json) {}

    private Workload() {}

    public static List<Command> generate(String prefix, int accounts, int commands, long seed) {
        Random random = new Random(seed);
        List<Command> out = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String account = prefix + "-acct-" + a;
            String id = prefix + "-open-" + a;
            out.add(
                    new Command(
                            account, id, TestLedger.open(id, account, a % 5 == 0 ? "JPY" : "EUR")));
        }
        for (int i = 0; i < commands; i++) {
            String account = prefix + "-acct-" + random.nextInt(accounts);
            String id = prefix + "-cmd-" + i;
            int kind = random.nextInt(100);
            String json;
            if (kind < 45) {
                json = TestLedger.money("Deposit", id, account, amount(random));
            } else if (kind < 85) {
                json = TestLedger.money("Withdraw", id, account, amount(random));
            } else if (kind < 90) {
                json = TestLedger.money("Deposit", id, account, "1.005");
            } else if (kind < 94) {
                account = prefix + "-nobody";
                json = TestLedger.money("Deposit", id, account, "1");
            } else if (kind < 96) {
                json = TestLedger.close(id, account);
            } else if (!out.isEmpty()) {
                Command earlier = out.get(random.nextInt(out.size()));
                out.add(earlier);
                continue;
            } else {
                continue;
            }
            out.add(new Command(account, id, json));
        }
        return out;
    }

    /** Opens each account in EUR and deposits {@code funds}: commands open-ID and fund-ID. */
    public static List<Command> openAndFund(List<String> accounts, String funds) {
        List<Command> out = new ArrayList<>();
        for (String account : accounts) {
            String open = "open-" + account;
            String fund = "fund-" + account;
            out.add(new Command(account, open, TestLedger.open(open, account, "EUR")));
            out.add(new Command(account, fund, TestLedger.money("Deposit", fund, account, funds)));
        }
        return out;
    }

    /**
     * Bank traffic over open, funded accounts: mostly transfers (a few to a missing account or to
     * the same account), deposits, withdrawals (some beyond the balance), and now and then an
     * earlier command again, as a client retry.
     */
    public static List<Command> bank(
            List<String> accounts, String idPrefix, int commands, long seed) {
        Random random = new Random(seed);
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            int kind = random.nextInt(100);
            if (kind < 5 && !out.isEmpty()) {
                out.add(out.get(random.nextInt(out.size())));
                continue;
            }
            String account = accounts.get(random.nextInt(accounts.size()));
            String id = idPrefix + "-" + i;
            String amount =
                    (1 + random.nextInt(200)) + "." + random.nextInt(10) + random.nextInt(10);
            String json;
            if (kind < 70) {
                int pick = random.nextInt(100);
                String to =
                        pick < 4
                                ? "ghost"
                                : pick < 5
                                        ? account
                                        : accounts.get(random.nextInt(accounts.size()));
                json = TestLedger.transfer(id, account, to, amount);
            } else if (kind < 85) {
                json = TestLedger.money("Deposit", id, account, amount);
            } else {
                json = TestLedger.money("Withdraw", id, account, amount);
            }
            out.add(new Command(account, id, json));
        }
        return out;
    }

    private static String amount(Random random) {
        return random.nextInt(500) + (random.nextBoolean() ? "" : "." + random.nextInt(10) + "0");
    }
}
