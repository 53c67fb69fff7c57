package ledger.read.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.net.URLEncoder;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import ledger.codec.OutcomeCodec;
import ledger.domain.Outcome;
import ledger.read.http.CommandRequest.Route;
import ledger.read.store.ReadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The POST routes: each builds a command from the request, sends it, waits for its outcome and
 * answers with the outcome and the events it caused, or 202 when the outcome is late.
 */
final class CommandRoutes {

    /** Sends a command and waits for its outcome JSON: {@link CommandGateway#submit}. */
    interface Sender {
        Optional<String> submit(String accountId, String commandId, byte[] command, Duration wait)
                throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommandRoutes.class);

    private static final Route OPEN = Route.bodyAccount("OpenAccount", "accountId");
    private static final Route TRANSFER = Route.bodyAccount("Transfer", "fromAccountId");
    private static final Route DEPOSIT = Route.pathAccount("Deposit");
    private static final Route WITHDRAW = Route.pathAccount("Withdraw");
    private static final Route CLOSE = Route.pathAccount("CloseAccount");

    /** How long an accepted command's answer waits for the read store to show its events. */
    private static final Duration EVENTS_WAIT = Duration.ofSeconds(2);

    private final ReadStore store;
    private final Sender sender;
    private final Supplier<Health> health;
    private final Duration commandWait;

    CommandRoutes(ReadStore store, Sender sender, Supplier<Health> health, Duration commandWait) {
        this.store = store;
        this.sender = sender;
        this.health = health;
        this.commandWait = commandWait;
    }

    void register(JavalinDefaultRouting router) {
        router.post("/accounts", ctx -> handle(ctx, OPEN, null, true));
        router.post(
                "/accounts/{id}/deposits", ctx -> handle(ctx, DEPOSIT, ctx.pathParam("id"), false));
        router.post(
                "/accounts/{id}/withdrawals",
                ctx -> handle(ctx, WITHDRAW, ctx.pathParam("id"), false));
        router.post("/accounts/{id}/close", ctx -> handle(ctx, CLOSE, ctx.pathParam("id"), false));
        router.post("/transfers", ctx -> handle(ctx, TRANSFER, null, false));
    }

    private void handle(Context ctx, Route route, String pathAccountId, boolean creates)
            throws Exception {
        byte[] body = CommandRequest.readBody(ctx.bodyInputStream());
        CommandRequest request =
                CommandRequest.build(
                        route,
                        pathAccountId,
                        body,
                        ctx.header("Idempotency-Key"),
                        ctx.header("If-Match"),
                        () -> UUID.randomUUID().toString());
        if (!health.get().up()) {
            throw ApiError.unavailable("the ledger is not running; try again later");
        }
        Optional<String> outcome;
        try {
            outcome =
                    sender.submit(
                            request.accountId(), request.commandId(), request.json(), commandWait);
        } catch (CommandNotSentException e) {
            LOG.warn("command {} not sent: {}", request.commandId(), e.getMessage());
            throw ApiError.unavailable("the ledger cannot take commands now; try again later");
        }
        if (outcome.isEmpty()) {
            pending(ctx, request.commandId());
        } else {
            answer(ctx, outcome.get(), creates);
        }
    }

    private void answer(Context ctx, String outcomeJson, boolean creates)
            throws SQLException, InterruptedException {
        Outcome outcome = OutcomeCodec.decode(outcomeJson.getBytes(UTF_8));
        if (!outcome.isAccepted()) {
            throw OutcomeAnswer.rejected(outcome, outcomeJson);
        }
        List<String> events = eventsOf(outcome);
        ctx.status(OutcomeAnswer.acceptedStatus(creates))
                .contentType(ApiJson.CONTENT_TYPE)
                .result(ApiJson.accepted(outcomeJson, events));
    }

    /** The command's events; the read store may lag the outcome, so wait a moment for them. */
    private List<String> eventsOf(Outcome outcome) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + EVENTS_WAIT.toNanos();
        while (true) {
            List<String> events = store.eventsOfCommand(outcome.commandId());
            if (outcome.sequence().isEmpty()
                    || (holds(events, outcome.accountId(), outcome.sequence().getAsLong())
                            && settled(events))
                    || System.nanoTime() > deadline) {
                return events;
            }
            Thread.sleep(25);
        }
    }

    /** A transfer's answer shows both sides: the debit and the credit. */
    static boolean settled(List<String> events) {
        boolean debited = false;
        boolean credited = false;
        for (String event : events) {
            String type = ApiJson.read(event).path("type").asText();
            debited |= type.equals("TransferDebited");
            credited |= type.equals("TransferCredited");
        }
        return !debited || credited;
    }

    /** True when one of the events is that of the account with the sequence. */
    static boolean holds(List<String> events, String accountId, long sequence) {
        for (String event : events) {
            JsonNode node = ApiJson.read(event);
            if (accountId.equals(node.path("accountId").asText())
                    && node.path("sequence").asLong() == sequence) {
                return true;
            }
        }
        return false;
    }

    private static void pending(Context ctx, String commandId) {
        ObjectNode body = ApiJson.object();
        body.put("commandId", commandId);
        body.put("status", "PENDING");
        ctx.status(202)
                .header("Location", location(commandId))
                .contentType(ApiJson.CONTENT_TYPE)
                .result(ApiJson.write(body));
    }

    /** Where a command's outcome will be: {@code /commands/{commandId}}. */
    static String location(String commandId) {
        return "/commands/" + URLEncoder.encode(commandId, UTF_8).replace("+", "%20");
    }
}
