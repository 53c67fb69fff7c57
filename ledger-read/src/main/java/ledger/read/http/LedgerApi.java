package ledger.read.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import ledger.read.store.ReadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's HTTP API (see the contract's "HTTP API"): commands go to Kafka through a {@link
 * CommandGateway}, reads come from the {@link ReadStore}. Every answer is JSON, every error is
 * {@code {"error", "reason"}}, and no stack trace ever reaches a client.
 */
public final class LedgerApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerApi.class);

    private final CommandRoutes commands;
    private final QueryRoutes queries;
    private Javalin app;

    public LedgerApi(
            ReadStore store,
            CommandGateway gateway,
            Supplier<Health> health,
            Duration commandWait) {
        this(store, gateway::submit, health, commandWait);
    }

    LedgerApi(
            ReadStore store,
            CommandRoutes.Sender sender,
            Supplier<Health> health,
            Duration commandWait) {
        this.commands = new CommandRoutes(store, sender, health, commandWait);
        this.queries = new QueryRoutes(store, health);
    }

    /** Starts serving on {@code host}; port 0 takes any free port. Returns the bound port. */
    public synchronized int start(String host, int port) {
        if (app != null) {
            throw new IllegalStateException("the API is already started");
        }
        JsonErrorHandler jettyErrors = new JsonErrorHandler();
        app =
                Javalin.create(
                        config -> {
                            config.showJavalinBanner = false;
                            config.startupWatcherEnabled = false;
                            config.http.prefer405over404 = true;
                            config.http.defaultContentType = ApiJson.CONTENT_TYPE;
                            config.jetty.modifyServer(
                                    server -> server.setErrorHandler(jettyErrors));
                            config.jetty.modifyServletContextHandler(
                                    handler -> handler.setErrorHandler(jettyErrors));
                            config.router.mount(
                                    router -> {
                                        commands.register(router);
                                        queries.register(router);
                                        handleErrors(router);
                                    });
                        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            app = null;
            throw e;
        }
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private static void handleErrors(JavalinDefaultRouting router) {
        router.exception(
                ApiError.class,
                (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.reason(), e.outcome()));
        // Javalin's own answers: no route (404), wrong method (405), and the like.
        router.exception(
                HttpResponseException.class,
                (e, ctx) ->
                        error(
                                ctx,
                                e.getStatus(),
                                JsonErrorHandler.sentence(
                                        e.getStatus(), ctx.method() + " " + ctx.path()),
                                JsonErrorHandler.reason(e.getStatus()),
                                null));
        router.exception(
                SQLException.class,
                (e, ctx) -> {
                    LOG.warn("read store query failed: {}", e.getMessage());
                    error(
                            ctx,
                            503,
                            "the read store is unavailable; try again later",
                            "UNAVAILABLE",
                            null);
                });
        router.exception(
                Exception.class,
                (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "the ledger API failed; see its log", "INTERNAL_ERROR", null);
                });
    }

    private static void error(
            Context ctx, int status, String sentence, String reason, String outcome) {
        ctx.status(status)
                .contentType(ApiJson.CONTENT_TYPE)
                .result(ApiJson.error(sentence, reason, outcome));
    }
}
