package ledger.app.cli;

import java.util.concurrent.Callable;
import ledger.domain.AccountCommand.Transfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger transfer}: moves money between two accounts and waits until it settles. */
@Command(
        name = "transfer",
        mixinStandardHelpOptions = true,
        description = {
            "Move money from one account to another.",
            "Waits until the transfer has settled: credited, or refunded with the reason."
        })
public final class TransferCommand implements Callable<Integer> {

    @Mixin KafkaOptions kafka;

    @Mixin CommandClient client;

    @Option(names = "--from", required = true, paramLabel = "ID", description = "source account")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ID", description = "destination account")
    String to;

    @Option(
            names = "--amount",
            required = true,
            description = "a positive decimal such as 100.50, in the source account's currency")
    String amount;

    @Override
    public Integer call() {
        return client.send(kafka, from, amount, parsed -> new Transfer(to, parsed));
    }
}
