package ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import ledger.app.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger history}: an account's events, oldest first, paging through the API. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Show an account's events, oldest first, with the balance after each.")
public final class HistoryCommand implements Callable<Integer> {

    /** The API's largest page. */
    private static final int PAGE = 1000;

    @Mixin ApiClient api;

    @Spec CommandSpec spec;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "account id")
    String account;

    @Option(
            names = "--json",
            description = "print each event's JSON on its own line, as the event log holds it")
    boolean json;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "show at most the first N events (default: all)")
    Integer limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        List<JsonNode> events = new ArrayList<>();
        long from = 1;
        while (from > 0 && (limit == null || events.size() < limit)) {
            int size = limit == null ? PAGE : Math.min(PAGE, limit - events.size());
            ApiClient.Answer page =
                    api.get(
                            "accounts/"
                                    + ApiClient.segment(account)
                                    + "/events?fromSequence="
                                    + from
                                    + "&limit="
                                    + size);
            if (page.accountNotFound()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("ledger: account " + account + " not found");
                err.flush();
                return Main.REJECTED;
            }
            if (!page.ok()) {
                throw api.unexpected(page);
            }
            page.json().path("events").forEach(events::add);
            JsonNode next = page.json().path("nextFromSequence");
            // Only forwards: a page that does not advance ends the history rather than loop.
            from = next.isIntegralNumber() && next.asLong() > from ? next.asLong() : 0;
        }
        if (limit != null && events.size() > limit) {
            events = events.subList(0, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            events.forEach(event -> out.println(event.toString()));
        } else {
            HistoryTable.lines(events).forEach(out::println);
        }
        out.flush();
        return Main.ACCEPTED;
    }
}
