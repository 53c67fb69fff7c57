package ledger.job;

import java.time.Duration;
import ledger.job.state.AccountProcessor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The ledger's dataflow, from records read off the commands topic to records for the ledger's
 * topics. Sources and sinks are attached by the caller, so tests run the same pipeline.
 */
public final class LedgerPipeline {

    /** Operator ids: savepoints and state rebuilds find state by these. Never change them. */
    public static final String ROUTER_UID = "router";

    public static final String ACCOUNTS_UID = "accounts";

    private LedgerPipeline() {}

    public static DataStream<Outbound> build(DataStream<Inbound> commands, Duration dedupWindow) {
        SingleOutputStreamOperator<Inbound> routed =
                commands.process(new Router()).uid(ROUTER_UID).name("route commands");
        SingleOutputStreamOperator<Outbound> events =
                routed.keyBy(Inbound::accountId, Types.STRING)
                        .process(new AccountProcessor(dedupWindow))
                        .uid(ACCOUNTS_UID)
                        .name("decide per account");
        return events.union(
                events.getSideOutput(AccountProcessor.OUTCOMES),
                routed.getSideOutput(Router.DEAD_LETTERS));
    }
}
