package ledger.job.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import ledger.codec.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the ledger's topics when they are missing. Existing topics keep their partitions; the
 * commands and saga topics get log-append time, because events take their time from those records
 * and a client's clock must not decide it.
 */
public final class TopicSetup {

    private static final String LOG_APPEND_TIME = "LogAppendTime";

    private TopicSetup() {}

    public static void ensure(Admin admin, Topics topics, int partitions, short replication)
            throws ExecutionException, InterruptedException {
        Map<String, Map<String, String>> wanted =
                Map.of(
                        topics.commands(), appendTime(),
                        topics.saga(), appendTime(),
                        topics.events(), keptForever(),
                        topics.outcomes(), keptForever(),
                        topics.dlq(), Map.of());
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        wanted.forEach(
                (name, configs) -> {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, partitions, replication).configs(configs));
                    }
                });
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        requireAppendTime(admin, List.of(topics.commands(), topics.saga()));
    }

    private static void requireAppendTime(Admin admin, Collection<String> names)
            throws ExecutionException, InterruptedException {
        List<ConfigResource> resources =
                names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = describe(admin, resources);
        for (ConfigResource resource : resources) {
            ConfigEntry type = configs.get(resource).get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
            if (type == null || !LOG_APPEND_TIME.equals(type.value())) {
                AlterConfigOp set =
                        new AlterConfigOp(
                                new ConfigEntry(
                                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME),
                                AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get();
            }
        }
    }

    /**
     * A topic just created may not be known yet to the broker that answers (metadata reaches each
     * broker a moment later, more so in a cluster): ask again for a while.
     */
    private static Map<ConfigResource, Config> describe(Admin admin, List<ConfigResource> resources)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeConfigs(resources).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Map<String, String> appendTime() {
        return Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME);
    }

    /** The log is the source of truth: deleted never, compacted never. */
    private static Map<String, String> keptForever() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                "-1");
    }
}
