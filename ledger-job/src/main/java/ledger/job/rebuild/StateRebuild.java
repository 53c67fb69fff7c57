package ledger.job.rebuild;

import ledger.job.JobConfig;
import ledger.job.LedgerPipeline;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Rebuilds the job's keyed state from the log alone and writes it as a savepoint the job can start
 * from: for when checkpoints are lost, or the decision logic changed. A batch job over the events
 * and outcomes topics from the earliest offset, read committed.
 */
public final class StateRebuild {

    private StateRebuild() {}

    /** {@code StateRebuild --savepoint-dir URI [job options]}: writes the savepoint and exits. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !args[0].equals("--savepoint-dir")) {
            System.err.println("Usage: StateRebuild --savepoint-dir URI [job options]");
            System.err.println(JobConfig.USAGE);
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        run(JobConfig.parse(rest), args[1]);
    }

    /** Runs the rebuild on a local Flink and waits for the savepoint at {@code savepointUri}. */
    public static void run(JobConfig config, String savepointUri) throws Exception {
        Configuration flink = new Configuration();
        flink.setString("execution.runtime-mode", "BATCH");
        // Unlike the live job, generic types stay on: the State Processor API ships its own
        // operator state through Kryo (TaggedOperatorSubtaskState).
        // The savepoint is written in Flink's canonical format, which any backend restores; the
        // bootstrap itself runs on the heap backend (on RocksDB its keyed batch input failed
        // with a key group outside the subtask's range) with the live job's max parallelism.
        flink.setString("state.backend.type", "hashmap");
        flink.setString("pipeline.max-parallelism", String.valueOf(JobConfig.MAX_PARALLELISM));
        // The adaptive batch scheduler would otherwise balance key groups between subtasks by
        // volume; on a skewed log a subtask then receives key groups outside the range the State
        // Processor API gave it, and the bootstrap dies ("Key group 66 is not in KeyGroupRange").
        flink.setString("execution.batch.adaptive.auto-parallelism.enabled", "false");
        if (config.parallelism() > 0) {
            flink.setString("parallelism.default", String.valueOf(config.parallelism()));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        define(env, config, savepointUri);
        env.execute("ledger state rebuild");
    }

    static void define(StreamExecutionEnvironment env, JobConfig config, String savepointUri) {
        KafkaSource<LogEntry> log =
                KafkaSource.<LogEntry>builder()
                        .setProperties(config.kafkaClientProperties())
                        .setTopics(config.topics().events(), config.topics().outcomes())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setDeserializer(new LogEntryDeserializer(config.topics().events()))
                        .setProperty("isolation.level", "read_committed")
                        .build();
        // In batch mode a keyed input is sorted by key and then timestamp: the event sequence as
        // timestamp hands each account's events to evolve in order.
        DataStream<LogEntry> entries =
                env.fromSource(
                        log,
                        WatermarkStrategy.<LogEntry>noWatermarks()
                                .withTimestampAssigner((entry, ts) -> entry.order()),
                        "ledger log");
        StateBootstrapTransformation<LogEntry> accounts =
                OperatorTransformation.bootstrapWith(entries)
                        .keyBy(LogEntry::accountId, Types.STRING)
                        .transform(new AccountBootstrapper(config.dedupWindow()));
        SavepointWriter.newSavepoint(env, JobConfig.MAX_PARALLELISM)
                .withOperator(OperatorIdentifier.forUid(LedgerPipeline.ACCOUNTS_UID), accounts)
                .write(savepointUri);
    }
}
