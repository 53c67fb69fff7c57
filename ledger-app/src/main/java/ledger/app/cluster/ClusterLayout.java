package ledger.app.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where a local cluster lives: its data directory and the loopback ports of every process. Written
 * to {@code cluster.properties} by the first `up`, so later commands and restarts use the same.
 */
public record ClusterLayout(
        Path dir,
        List<Integer> kafkaPorts,
        List<Integer> controllerPorts,
        int restPort,
        int jobManagerRpcPort,
        int postgresPort,
        int httpPort) {

    public static final int NODES = 3;
    private static final String FILE = "cluster.properties";

    /**
     * The standard ports: the ones `ledger up` and the client commands default to (Kafka 9092, API
     * 8080, Flink 8081), so `ledger open ...` works against the cluster without options; with a
     * base port, ten consecutive ports from it instead.
     */
    public static ClusterLayout standard(Path dir, Integer basePort) {
        if (basePort == null) {
            return new ClusterLayout(
                    dir,
                    List.of(9092, 9094, 9096),
                    List.of(9093, 9095, 9097),
                    8081,
                    6123,
                    54320,
                    8080);
        }
        int b = basePort;
        return new ClusterLayout(
                dir,
                List.of(b, b + 1, b + 2),
                List.of(b + 3, b + 4, b + 5),
                b + 6,
                b + 7,
                b + 8,
                b + 9);
    }

    /** The layout an earlier `up` wrote under {@code dir}, if any. */
    public static Optional<ClusterLayout> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return Optional.of(
                new ClusterLayout(
                        dir,
                        ports(p.getProperty("kafka.ports")),
                        ports(p.getProperty("controller.ports")),
                        Integer.parseInt(p.getProperty("flink.rest.port")),
                        Integer.parseInt(p.getProperty("flink.rpc.port")),
                        Integer.parseInt(p.getProperty("postgres.port")),
                        Integer.parseInt(p.getProperty("http.port"))));
    }

    public void write() throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("kafka.ports", join(kafkaPorts));
        p.setProperty("controller.ports", join(controllerPorts));
        p.setProperty("flink.rest.port", String.valueOf(restPort));
        p.setProperty("flink.rpc.port", String.valueOf(jobManagerRpcPort));
        p.setProperty("postgres.port", String.valueOf(postgresPort));
        p.setProperty("http.port", String.valueOf(httpPort));
        try (OutputStream out = Files.newOutputStream(dir.resolve(FILE))) {
            p.store(out, "ports of this local ledger cluster, chosen by its first `up`");
        }
    }

    public String bootstrapServers() {
        return kafkaPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** The static KRaft quorum: every node is a voter. */
    public String voters() {
        return IntStream.range(0, NODES)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?user=postgres";
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path pids() {
        return dir.resolve("pids");
    }

    public Path flinkConf() {
        return dir.resolve("flink").resolve("conf");
    }

    public Path checkpoints() {
        return dir.resolve("flink").resolve("checkpoints");
    }

    public Path savepoints() {
        return dir.resolve("flink").resolve("savepoints");
    }

    private static List<Integer> ports(String text) {
        return Arrays.stream(text.split(",")).map(Integer::parseInt).toList();
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
