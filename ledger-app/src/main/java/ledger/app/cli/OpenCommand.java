package ledger.app.cli;

import java.util.concurrent.Callable;
import ledger.domain.AccountCommand.OpenAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger open}: opens an account for an owner, in one currency, with a zero balance. */
@Command(
        name = "open",
        mixinStandardHelpOptions = true,
        description = "Open an account with a zero balance.")
public final class OpenCommand implements Callable<Integer> {

    @Mixin KafkaOptions kafka;

    @Mixin CommandClient client;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "account id")
    String account;

    @Option(names = "--owner", required = true, description = "the account holder's name")
    String owner;

    @Option(
            names = "--currency",
            required = true,
            paramLabel = "CODE",
            description = "ISO 4217 currency code, e.g. EUR")
    String currency;

    @Override
    public Integer call() {
        return client.send(kafka, account, new OpenAccount(owner, currency));
    }
}
