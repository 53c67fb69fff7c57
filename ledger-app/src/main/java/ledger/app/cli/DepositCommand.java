package ledger.app.cli;

import java.util.concurrent.Callable;
import ledger.domain.AccountCommand.Deposit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger deposit}: adds money to an account. */
@Command(
        name = "deposit",
        mixinStandardHelpOptions = true,
        description = "Add money to an account.")
public final class DepositCommand implements Callable<Integer> {

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
        return client.send(kafka, account, amount, Deposit::new);
    }
}
