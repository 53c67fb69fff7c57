package ledger.read.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of an account's events, oldest first, and where the next page starts: null when no event
 * follows this one.
 */
record EventPage(String accountId, List<String> events, Long nextFromSequence) {

    /**
     * The page from events fetched with a limit of {@code limit + 1}: the one past the page, if
     * any, is where the next page starts.
     */
    static EventPage of(String accountId, List<String> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new EventPage(accountId, fetched, null);
        }
        long next = ApiJson.read(fetched.get(limit)).path("sequence").asLong();
        return new EventPage(accountId, fetched.subList(0, limit), next);
    }

    /** {@code {"accountId", "events": [...], "nextFromSequence"}}, events as the log holds them. */
    String toJson() {
        ObjectNode body = ApiJson.object();
        body.put("accountId", accountId);
        body.set("events", ApiJson.rawArray(events));
        if (nextFromSequence == null) {
            body.putNull("nextFromSequence");
        } else {
            body.put("nextFromSequence", nextFromSequence);
        }
        return ApiJson.write(body);
    }
}
