package ledger.app.cluster;

import java.nio.file.Path;
import ledger.app.StopHook;
import ledger.app.embedded.EmbeddedKafka;

/**
 * One Kafka node of `ledger cluster` as its own process: {@code KafkaNode DIR NODE_ID PORT
 * CONTROLLER_PORT VOTERS}. Runs until SIGTERM, which shuts the broker down cleanly.
 */
public final class KafkaNode {

    private KafkaNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("Usage: KafkaNode DIR NODE_ID PORT CONTROLLER_PORT VOTERS");
            System.exit(2);
        }
        EmbeddedKafka.Node node =
                new EmbeddedKafka.Node(
                        Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        args[4],
                        3);
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), node);
        System.out.println("kafka node " + node.nodeId() + " up on " + kafka.bootstrapServers());
        StopHook.closeOnExit(kafka, "ledger-kafka-shutdown").await();
    }
}
