package ledger.job;

import ledger.job.kafka.KafkaConnectors;
import ledger.job.kafka.TopicSetup;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;

/**
 * The ledger job: commands from Kafka, through the {@link LedgerPipeline}, into the ledger's topics
 * exactly once. {@link #main} is the entry point on a Flink cluster.
 */
public final class LedgerJob {

    public static final String NAME = "ledger";

    private LedgerJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ledger-job: " + e.getMessage());
            System.err.println(JobConfig.USAGE);
            System.exit(2);
            return;
        }
        createTopics(config);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
        define(env, config);
        env.execute(NAME);
    }

    /** Submits the job to the environment's cluster and returns without waiting for it. */
    public static JobClient start(StreamExecutionEnvironment env, JobConfig config)
            throws Exception {
        define(env, config);
        return env.executeAsync(NAME);
    }

    /** Attaches the Kafka source and sink to the pipeline. */
    public static void define(StreamExecutionEnvironment env, JobConfig config) {
        LedgerPipeline.build(
                        env.fromSource(
                                        KafkaConnectors.commands(config),
                                        WatermarkStrategy.noWatermarks(),
                                        "commands")
                                .uid("commands-source"),
                        config.dedupWindow())
                .sinkTo(KafkaConnectors.ledgerTopics(config))
                .uid("ledger-sink")
                .name("ledger topics");
    }

    public static void createTopics(JobConfig config) throws Exception {
        try (Admin admin = Admin.create(config.kafkaClientProperties())) {
            TopicSetup.ensure(
                    admin, config.topics(), config.partitions(), config.replicationFactor());
        }
    }
}
