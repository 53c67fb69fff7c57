package ledger.app.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka node (KRaft, broker and controller in one) running in this JVM, its log under a
 * directory that survives restarts. Loopback only. `ledger up` runs one; `ledger cluster` runs
 * three as separate processes, forming one quorum.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** One cluster id for every embedded broker: formatting is skipped once a directory has one. */
    private static final String CLUSTER_ID =
            new Uuid(0x6c65646765720001L, 0x656d626564646564L).toString();

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * One node of a quorum: its id and ports, the static voters ({@code id@host:port,...}), and the
     * replication factor of internal and default topics (1 alone; 3 in a cluster, where the minimum
     * in-sync replicas is 2, so a write survives the loss of any one node).
     */
    public record Node(int nodeId, int port, int controllerPort, String voters, int replication) {

        public static Node single(int port, int controllerPort) {
            return new Node(1, port, controllerPort, "1@127.0.0.1:" + controllerPort, 1);
        }

        int minInSync() {
            return replication > 1 ? 2 : 1;
        }
    }

    /** Formats the directory on first use and starts the broker; fails fast on a busy port. */
    public static EmbeddedKafka start(Path dir, int port, int controllerPort) throws IOException {
        return start(dir, Node.single(port, controllerPort));
    }

    /** Starts one node of a quorum; see {@link #start(Path, int, int)}. */
    public static EmbeddedKafka start(Path dir, Node node) throws IOException {
        int port = node.port();
        Ports.requireFree(port, "Kafka", "--kafka-port");
        Ports.requireFree(node.controllerPort(), "the Kafka controller", "--controller-port");
        Path logDir = dir.resolve("kafka");
        Files.createDirectories(logDir);
        Properties props = properties(logDir, node);
        Path configFile = dir.resolve("kafka.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "written by the ledger on every start");
        }
        format(configFile);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // Transaction version 1: with version 2, the Flink sink cannot tell committed from
            // lost transactions on recovery (see PLATFORM.md).
            code =
                    StorageTool.execute(
                            new String[] {
                                "format",
                                "--cluster-id",
                                CLUSTER_ID,
                                "--config",
                                configFile.toString(),
                                "--ignore-formatted",
                                "--feature",
                                "transaction.version=1"
                            },
                            print);
        }
        if (code != 0) {
            throw new IllegalStateException(
                    "cannot format the Kafka log directory: "
                            + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static Properties properties(Path logDir, Node node) {
        int port = node.port();
        int controllerPort = node.controllerPort();
        String replication = String.valueOf(node.replication());
        String minInSync = String.valueOf(node.minInSync());
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(node.nodeId()));
        props.setProperty("controller.quorum.voters", node.voters());
        props.setProperty(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty(
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "4");
        props.setProperty("default.replication.factor", replication);
        props.setProperty("min.insync.replicas", minInSync);
        props.setProperty("offsets.topic.replication.factor", replication);
        props.setProperty("offsets.topic.num.partitions", "4");
        props.setProperty("transaction.state.log.replication.factor", replication);
        props.setProperty("transaction.state.log.min.isr", minInSync);
        props.setProperty("transaction.state.log.num.partitions", "4");
        props.setProperty("share.coordinator.state.topic.replication.factor", replication);
        props.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // On loopback a node that misses heartbeats for 4 s is gone: its partitions get new
        // leaders then, not after the 9 s default.
        props.setProperty("broker.heartbeat.interval.ms", "1000");
        props.setProperty("broker.session.timeout.ms", "4000");
        // The 128 MiB default is heap, and a small heap dies of it.
        props.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        return props;
    }
}
