package ledger.app.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ledger.domain.Account;
import ledger.job.LedgerPipeline;
import ledger.job.state.AccountStates;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Reads the accounts operator's keyed state out of a checkpoint or savepoint with the State
 * Processor API: one line per account with its state and every remembered command and outcome.
 */
public final class StateReader {

    private StateReader() {}

    public static Map<String, String> read(String path) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("execution.runtime-mode", "BATCH");
        conf.setString("parallelism.default", "1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Map<String, String> accounts = new TreeMap<>();
        try (CloseableIterator<String> lines =
                SavepointReader.read(env, path, new HashMapStateBackend())
                        .readKeyedState(
                                OperatorIdentifier.forUid(LedgerPipeline.ACCOUNTS_UID), new Lines())
                        .executeAndCollect()) {
            lines.forEachRemaining(
                    line -> accounts.put(line.substring(0, line.indexOf(' ')), line));
        }
        return accounts;
    }

    private static final class Lines extends KeyedStateReaderFunction<String, String> {
        private transient ValueState<Account> account;
        private transient MapState<String, byte[]> commands;

        @Override
        public void open(OpenContext context) {
            account = getRuntimeContext().getState(AccountStates.account());
            commands =
                    getRuntimeContext()
                            .getMapState(AccountStates.commands(java.time.Duration.ofDays(7)));
        }

        @Override
        public void readKey(String key, Context context, Collector<String> out) throws Exception {
            List<String> seen = new ArrayList<>();
            for (Map.Entry<String, byte[]> entry : commands.entries()) {
                seen.add(entry.getKey() + "=" + new String(entry.getValue(), "UTF-8"));
            }
            seen.sort(String::compareTo);
            out.collect(key + " " + account.value() + " " + seen);
        }
    }
}
