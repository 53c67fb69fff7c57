package ledger.read.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import ledger.read.store.BalanceAt;
import ledger.read.store.ReadStore;
import ledger.read.store.Totals;
import ledger.read.view.AccountRow;

/**
 * The GET routes: accounts, statements, balances as of an instant, outcomes, money in flight and
 * health.
 */
final class QueryRoutes {

    private final ReadStore store;
    private final Supplier<Health> health;

    QueryRoutes(ReadStore store, Supplier<Health> health) {
        this.store = store;
        this.health = health;
    }

    void register(JavalinDefaultRouting router) {
        router.get("/accounts/{id}", this::account);
        router.get("/accounts/{id}/events", this::events);
        router.get("/accounts/{id}/balance", this::balance);
        router.get("/commands/{commandId}", this::command);
        router.get("/transfers/in-flight", this::inFlight);
        router.get("/health", this::health);
    }

    private void account(Context ctx) throws SQLException {
        AccountRow row = existing(ctx.pathParam("id"));
        ObjectNode body = ApiJson.object();
        body.put("accountId", row.accountId());
        body.put("owner", row.owner());
        body.put("currency", row.currency());
        body.put("balance", row.balanceMoney().toString());
        body.put("sequence", row.sequence());
        body.put("status", row.status().name());
        ctx.header("ETag", "\"" + row.sequence() + "\"");
        json(ctx, 200, ApiJson.write(body));
    }

    private void events(Context ctx) throws SQLException {
        long fromSequence = QueryParams.fromSequence(ctx.queryParam("fromSequence"));
        int limit = QueryParams.limit(ctx.queryParam("limit"));
        String accountId = existing(ctx.pathParam("id")).accountId();
        // One more than asked: whether it exists says if another page follows.
        EventPage page =
                EventPage.of(accountId, store.events(accountId, fromSequence, limit + 1), limit);
        json(ctx, 200, page.toJson());
    }

    private void balance(Context ctx) throws SQLException {
        Instant asOf = QueryParams.asOf(ctx.queryParam("asOf"), Instant.now());
        String accountId = existing(ctx.pathParam("id")).accountId();
        BalanceAt at =
                store.balanceAsOf(accountId, QueryParams.epochMillis(asOf))
                        .orElseThrow(
                                () ->
                                        new ApiError(
                                                404,
                                                "ACCOUNT_NOT_FOUND",
                                                "account "
                                                        + accountId
                                                        + " had not been opened at "
                                                        + asOf,
                                                null));
        ObjectNode body = ApiJson.object();
        body.put("accountId", accountId);
        body.put("asOf", asOf.toString());
        body.put("balance", at.balance().toString());
        body.put("sequence", at.sequence());
        json(ctx, 200, ApiJson.write(body));
    }

    private void command(Context ctx) throws SQLException {
        String commandId = ctx.pathParam("commandId");
        String outcome =
                store.outcome(commandId)
                        .orElseThrow(
                                () ->
                                        new ApiError(
                                                404,
                                                "COMMAND_NOT_FOUND",
                                                "no outcome is known for command " + commandId,
                                                null));
        json(ctx, 200, outcome);
    }

    /**
     * Money in flight, so conservation can be checked at any moment: the transfers debited and not
     * yet settled, and per currency balances + in flight = deposits − withdrawals.
     */
    private void inFlight(Context ctx) throws SQLException {
        ObjectNode body = ApiJson.object();
        body.set("transfers", ApiJson.rawArray(store.transfersInFlight()));
        ArrayNode totals = body.putArray("totals");
        for (Totals currency : store.totals()) {
            ObjectNode row = totals.addObject();
            row.put("currency", currency.currency());
            row.put("balances", currency.balances().toString());
            row.put("inFlight", currency.inFlight().toString());
            row.put("deposits", currency.deposits().toString());
            row.put("withdrawals", currency.withdrawals().toString());
            row.put("conserved", currency.conserved());
        }
        json(ctx, 200, ApiJson.write(body));
    }

    private void health(Context ctx) {
        Health now = health.get();
        ObjectNode body = ApiJson.object();
        body.put("status", now.up() ? "UP" : "DOWN");
        Map<String, Object> details = now.details() == null ? Map.of() : now.details();
        for (Map.Entry<String, Object> detail : details.entrySet()) {
            if (!detail.getKey().equals("status")) {
                body.set(detail.getKey(), ApiJson.valueToTree(detail.getValue()));
            }
        }
        json(ctx, now.up() ? 200 : 503, ApiJson.write(body));
    }

    private AccountRow existing(String accountId) throws SQLException {
        return store.account(accountId).orElseThrow(() -> ApiError.accountNotFound(accountId));
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType(ApiJson.CONTENT_TYPE).result(body);
    }
}
