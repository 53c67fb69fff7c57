package ledger.job;

import java.time.Duration;
import ledger.job.state.AccountProcessor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The ledger's dataflow, from records read off the commands topic to records for the ledger's
 * topics. Sources and sinks are attached by the caller, so tests run the same pipeline.
 *
 * <p>One keyed operator emits everything, dead letters included, on its one output: the sink then
 * has a single input and chains to it, so no record is serialized between the two.
 */
public final class LedgerPipeline {

    /** Operator ids: savepoints and state rebuilds find state by these. Never change them. */
    public static final String ACCOUNTS_UID = "accounts";

    private LedgerPipeline() {}

    public static DataStream<Outbound> build(DataStream<Inbound> commands, Duration dedupWindow) {
        return commands.keyBy(Inbound::routingKey, Types.STRING)
                .process(new AccountProcessor(dedupWindow))
                .uid(ACCOUNTS_UID)
                .name("decide per account");
    }
}
