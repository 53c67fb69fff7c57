package ledger.app.cli;

import java.util.concurrent.Callable;
import ledger.domain.AccountCommand.CloseAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger close}: closes an account whose balance is zero; its id is never reused. */
@Command(
        name = "close",
        mixinStandardHelpOptions = true,
        description = "Close an account whose balance is zero.")
public final class CloseCommand implements Callable<Integer> {

    @Mixin KafkaOptions kafka;

    @Mixin CommandClient client;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "account id")
    String account;

    @Override
    public Integer call() {
        return client.send(kafka, account, new CloseAccount());
    }
}
