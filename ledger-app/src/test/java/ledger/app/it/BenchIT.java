package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ledger.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ledger bench` in the smoke configuration CI runs: a few thousand commands through every phase,
 * every figure reported. It proves the bench works, not how fast anything is.
 */
class BenchIT {

    @TempDir Path dir;

    @Test
    void a_small_bench_reports_every_figure_as_a_positive_number() throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();

        int code =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(System.err, true),
                        "bench",
                        "--commands",
                        "3000",
                        "--accounts",
                        "200",
                        "--rates",
                        "500",
                        "--latency-seconds",
                        "2",
                        "--checkpoint-interval",
                        "500ms",
                        "--latency-intervals",
                        "200ms",
                        "--json",
                        json.toString());

        System.out.print(out);
        assertThat(code).as(out.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> figures = new ArrayList<>();
        collect("", report, figures);
        assertThat(figures)
                .as("figures that are not positive numbers")
                .allMatch(f -> f.endsWith("ok"));
        assertThat(figures)
                .contains(
                        "throughput.commandsPerSecond ok",
                        "throughput.ratioToCopyLoop ok",
                        "throughput.readStoreCommandsPerSecond ok",
                        "latency[0].all.p50Ms ok",
                        "latency[0].all.p99Ms ok",
                        "latency[0].all.p999Ms ok",
                        "latency[0].single.p99Ms ok",
                        "latency[0].transfers.p99Ms ok",
                        "latency[0].p99ToCheckpointInterval ok",
                        "latency[0].singleP99ToTarget ok",
                        "latency[1].all.p99Ms ok",
                        "replay.state.eventsPerSecond ok",
                        "replay.state.ratioToConsumer ok",
                        "replay.projections.eventsPerSecond ok",
                        "baseline.producerRecordsPerSecond ok",
                        "baseline.consumerRecordsPerSecond ok",
                        "baseline.copyRecordsPerSecond ok",
                        "resources.heapUsedBytes ok",
                        "resources.checkpointBytes ok",
                        "resources.savepointBytes ok");
        assertThat(report.path("latency")).hasSize(2);
        assertThat(report.path("latency").get(1).path("checkpointIntervalMs").asLong())
                .isEqualTo(200);
        assertThat(report.path("run").path("commands").asInt()).isEqualTo(3000);
        assertThat(out.toString())
                .contains(
                        "throughput: backlog to outcomes",
                        "latency p99 at 500/s, checkpoint 500 ms",
                        "latency p99 at 500/s, checkpoint 200 ms",
                        "replay: keyed state",
                        "replay: projections",
                        "baseline: transactional copy loop");
    }

    /** Every number and null in the report, as "path ok" when it is a positive number. */
    private static void collect(String path, JsonNode node, List<String> figures) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(
                        path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                        field.getValue(),
                        figures);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), figures);
            }
        } else if (node.isNumber()) {
            figures.add(path + (node.asDouble() > 0 ? " ok" : " is " + node.asText()));
        } else if (node.isNull()) {
            figures.add(path + " is missing");
        }
    }
}
