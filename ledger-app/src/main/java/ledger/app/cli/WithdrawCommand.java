package ledger.app.cli;

import java.util.concurrent.Callable;
import ledger.domain.AccountCommand.Withdraw;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger withdraw}: takes money out of an account if its balance allows. */
@Command(
        name = "withdraw",
        mixinStandardHelpOptions = true,
        description = "Take money out of an account if its balance allows.")
public final class WithdrawCommand implements Callable<Integer> {

    @Mixin KafkaOptions kafka;

    @Mixin CommandClient client;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "account id")
    String account;

    @Option(
            names = "--amount",
            required = true,
            description = "a positive decimal such as 100.50, in the account's currency")
    String amount;

    @Override
    public Integer call() {
        return client.send(kafka, account, amount, Withdraw::new);
    }
}
