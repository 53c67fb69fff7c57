package ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import ledger.domain.Money;
import ledger.domain.Names;

/**
 * An account's events as a readable statement: one row per event with the amount it moved and the
 * balance after it. Numbers are right-aligned, text left-aligned, columns two spaces apart.
 */
final class HistoryTable {

    private static final List<String> HEADER =
            List.of("SEQUENCE", "OCCURRED AT", "TYPE", "AMOUNT", "BALANCE", "COMMAND");
    private static final boolean[] RIGHT = {true, false, false, true, true, false};
    private static final String NONE = "-";

    private HistoryTable() {}

    /** The lines of the table for events of one account, oldest first. */
    static List<String> lines(List<JsonNode> events) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        String balance = NONE;
        for (JsonNode event : events) {
            balance = balanceAfter(event, balance);
            JsonNode data = event.path("data");
            rows.add(
                    List.of(
                            event.path("sequence").asText(),
                            event.path("occurredAt").asText(),
                            event.path("type").asText(),
                            data.path("amount").asText(NONE),
                            balance,
                            event.path("commandId").asText()));
        }
        return render(rows);
    }

    /**
     * The balance after an event: the one it states, zero for an opening, else unchanged (a closed
     * account's balance is the last one).
     */
    private static String balanceAfter(JsonNode event, String before) {
        JsonNode data = event.path("data");
        if (data.hasNonNull("balance")) {
            return data.path("balance").asText();
        }
        String currency = data.path("currency").asText("");
        if ("AccountOpened".equals(event.path("type").asText()) && Names.isCurrency(currency)) {
            return Money.zero(Names.fractionDigits(currency)).toString();
        }
        return before;
    }

    private static List<String> render(List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(RIGHT[i] ? pad + cell : cell + pad);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
