package ledger.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import ledger.codec.Topics;
import picocli.CommandLine.Option;

/** Where the ledger's Kafka is and how its topics are named: shared by every subcommand. */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(
            names = "--topic-prefix",
            defaultValue = Topics.DEFAULT_PREFIX,
            description = "prefix of the ledger's topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(
            names = "--kafka-property",
            description = "extra Kafka client property key=value (SASL, TLS, ...), repeatable")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    public Topics topics() {
        return new Topics(topicPrefix);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Map<String, String> extraProperties() {
        return Map.copyOf(kafkaProperties);
    }

    /** Client properties: bootstrap servers, the extra ones, and short timeouts for a CLI. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.putAll(kafkaProperties);
        properties.setProperty("bootstrap.servers", bootstrapServers);
        return properties;
    }
}
