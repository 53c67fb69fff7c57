package ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import ledger.app.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code ledger balance}: an account's balance now, or as it was at an instant. */
@Command(
        name = "balance",
        mixinStandardHelpOptions = true,
        description = "Show an account's balance, now or as of an instant.")
public final class BalanceCommand implements Callable<Integer> {

    @Mixin ApiClient api;

    @Spec CommandSpec spec;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "account id")
    String account;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description =
                    "the balance after the last event at or before this ISO-8601 instant,"
                            + " e.g. 2026-12-04T10:00:00Z")
    Instant asOf;

    @Option(names = "--json", description = "print the API's JSON answer")
    boolean json;

    /** Reads an ISO-8601 instant; anything else is a usage error. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "'" + text + "' is not an ISO-8601 instant such as 2026-12-04T10:00:00Z");
            }
        }
    }

    @Override
    public Integer call() {
        String path = "accounts/" + ApiClient.segment(account);
        ApiClient.Answer current = api.get(path);
        if (current.accountNotFound()) {
            return fail("account " + account + " not found");
        }
        if (!current.ok()) {
            throw api.unexpected(current);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (asOf == null) {
            out.println(json ? current.body() : describe(current.json()));
            out.flush();
            return Main.ACCEPTED;
        }
        ApiClient.Answer past =
                api.get(path + "/balance?asOf=" + ApiClient.segment(asOf.toString()));
        if (past.accountNotFound()) {
            return fail("account " + account + " had not been opened at " + asOf);
        }
        if (!past.ok()) {
            throw api.unexpected(past);
        }
        out.println(
                json
                        ? past.body()
                        : describeAsOf(past.json(), current.json().path("currency").asText()));
        out.flush();
        return Main.ACCEPTED;
    }

    /** {@code alice 100.50 EUR (sequence 3, OPEN)}. */
    static String describe(JsonNode account) {
        return account.path("accountId").asText()
                + " "
                + account.path("balance").asText()
                + " "
                + account.path("currency").asText()
                + " (sequence "
                + account.path("sequence").asText()
                + ", "
                + account.path("status").asText()
                + ")";
    }

    /** {@code alice 100.50 EUR as of 2026-12-04T10:00:00Z (sequence 2)}. */
    static String describeAsOf(JsonNode balance, String currency) {
        return balance.path("accountId").asText()
                + " "
                + balance.path("balance").asText()
                + " "
                + currency
                + " as of "
                + balance.path("asOf").asText()
                + " (sequence "
                + balance.path("sequence").asText()
                + ")";
    }

    private int fail(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("ledger: " + line);
        err.flush();
        return Main.REJECTED;
    }
}
