package ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import ledger.app.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger audit --in-flight}: the transfers debited but not yet settled, and per currency the
 * conservation check: balances + in flight = deposits − withdrawals.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Check that no money was created or lost, and show the money in flight.",
            "Per currency: balances + in flight = deposits - withdrawals.",
            "Exit code 1 when a currency does not balance."
        })
public final class AuditCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ApiClient api;

    @Option(names = "--in-flight", description = "list each transfer in flight")
    boolean list;

    @Option(names = "--json", description = "print the API's answer as JSON")
    boolean json;

    @Override
    public Integer call() {
        ApiClient.Answer answer = api.get("transfers/in-flight");
        if (!answer.ok()) {
            throw api.unexpected(answer);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.body());
            return conserved(answer.json()) ? Main.ACCEPTED : Main.REJECTED;
        }
        if (list) {
            for (JsonNode transfer : answer.json().path("transfers")) {
                JsonNode data = transfer.path("data");
                out.printf(
                        "in flight %s: %s -> %s %s since %s%n",
                        data.path("transferId").asText(),
                        transfer.path("accountId").asText(),
                        data.path("toAccountId").asText(),
                        data.path("amount").asText(),
                        transfer.path("occurredAt").asText());
            }
        }
        out.printf("%d transfer(s) in flight%n", answer.json().path("transfers").size());
        for (JsonNode currency : answer.json().path("totals")) {
            out.printf(
                    "%s balances %s + in flight %s = %s; deposits %s - withdrawals %s%s%n",
                    currency.path("currency").asText(),
                    currency.path("balances").asText(),
                    currency.path("inFlight").asText(),
                    currency.path("conserved").asBoolean() ? "conserved" : "NOT CONSERVED",
                    currency.path("deposits").asText(),
                    currency.path("withdrawals").asText(),
                    "");
        }
        out.flush();
        return conserved(answer.json()) ? Main.ACCEPTED : Main.REJECTED;
    }

    private static boolean conserved(JsonNode body) {
        for (JsonNode currency : body.path("totals")) {
            if (!currency.path("conserved").asBoolean()) {
                return false;
            }
        }
        return true;
    }
}
