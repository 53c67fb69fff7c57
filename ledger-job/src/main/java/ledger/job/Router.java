package ledger.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes addressable commands on and turns the rest into dead letters on a side output. */
public final class Router extends ProcessFunction<Inbound, Inbound> {

    public static final OutputTag<Outbound> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(Outbound.class));

    @Override
    public void processElement(Inbound record, Context context, Collector<Inbound> out) {
        if (record.isAddressable()) {
            out.collect(record);
        } else {
            context.output(DEAD_LETTERS, Outbound.deadLetter(record));
        }
    }
}
