package ledger.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import ledger.app.cluster.ClusterLayout;
import ledger.app.cluster.Installation;
import ledger.app.cluster.JobSettings;
import ledger.app.cluster.LocalCluster;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger cluster}: a ledger on a multi-process cluster on this machine — three Kafka nodes,
 * a Flink JobManager and two TaskManagers, PostgreSQL and `ledger api`, each its own process — and
 * the operations on its job: submit, stop with a savepoint, rescale, upgrade, rebuild its state
 * from the log.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description =
                "Run and operate a local multi-process ledger cluster; see docs/operations.md.",
        subcommands = {
            ClusterCommand.Up.class,
            ClusterCommand.Down.class,
            ClusterCommand.Status.class,
            ClusterCommand.Submit.class,
            ClusterCommand.StopJob.class,
            ClusterCommand.Rescale.class,
            ClusterCommand.RebuildState.class,
            ClusterCommand.Kill.class,
            ClusterCommand.Start.class,
        })
public final class ClusterCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every cluster subcommand shares. */
    abstract static class Base implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(
                names = "--data-dir",
                defaultValue = "ledger-cluster-data",
                description =
                        "where every process keeps its data, logs and pid (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(
                names = "--port-base",
                description =
                        "use ten consecutive ports from this one instead of the standard ones"
                                + " (Kafka 9092/9094/9096, API 8080, Flink 8081); first `up` only")
        Integer portBase;

        @Option(
                names = "--flink-classpath",
                description = "Flink's classpath file (default: the build's)")
        Path flinkClasspath;

        @Option(names = "--job-jar", description = "the job jar to submit (default: the build's)")
        Path jobJar;

        @Option(
                names = "--parallelism",
                defaultValue = "2",
                description = "job parallelism, at most 4 (default: ${DEFAULT-VALUE})")
        int parallelism;

        @Option(
                names = "--checkpoint-interval",
                defaultValue = "1s",
                description = "checkpoint interval of the job (default: ${DEFAULT-VALUE})")
        String checkpointInterval;

        @Option(
                names = "--kafka-property",
                description = "extra Kafka client property key=value for the job, repeatable")
        Map<String, String> kafkaProperties = new LinkedHashMap<>();

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        LocalCluster cluster() throws Exception {
            Path dir = dataDir.toAbsolutePath().normalize();
            ClusterLayout layout =
                    ClusterLayout.read(dir).orElseGet(() -> ClusterLayout.standard(dir, portBase));
            PrintWriter out = out();
            return new LocalCluster(
                    layout,
                    Installation.locate(flinkClasspath, jobJar),
                    line -> {
                        out.println("ledger: " + line);
                        out.flush();
                    });
        }

        JobSettings job(LocalCluster cluster) throws Exception {
            if (parallelism < 1 || parallelism > 4) {
                throw new IllegalArgumentException(
                        "--parallelism is 1 to 4: two TaskManagers with two slots each");
            }
            return new JobSettings(
                    cluster.installation().jobJar(),
                    parallelism,
                    TimeUtils.parseDuration(checkpointInterval),
                    "rocksdb",
                    Map.copyOf(kafkaProperties));
        }
    }

    @Command(
            name = "up",
            description = "Start every process not running, then the job, resuming its state.")
    static final class Up extends Base {
        @Option(names = "--no-job", description = "start the processes only")
        boolean noJob;

        @Override
        public Integer call() throws Exception {
            long started = System.nanoTime();
            LocalCluster cluster = cluster();
            cluster.up(job(cluster), !noJob);
            ClusterLayout layout = cluster.layout();
            out().printf(
                            "ledger: cluster up in %.1f s; Kafka %s, Flink web UI %s, HTTP API %s,"
                                    + " read store %s; data and logs in %s%n",
                            (System.nanoTime() - started) / 1e9,
                            layout.bootstrapServers(),
                            layout.restUrl(),
                            layout.apiUrl(),
                            layout.jdbcUrl(),
                            layout.dir());
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the job with a savepoint, then every process.")
    static final class Down extends Base {
        @Override
        public Integer call() throws Exception {
            cluster().down();
            return 0;
        }
    }

    @Command(name = "status", description = "List the processes and the job.")
    static final class Status extends Base {
        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = cluster();
            cluster.status()
                    .forEach(
                            (name, pid) ->
                                    out().printf(
                                                    "%-14s %s%n",
                                                    name,
                                                    pid.map(p -> "running, pid " + p)
                                                            .orElse("stopped")));
            if (cluster.alive(LocalCluster.JOB_MANAGER)) {
                Optional<String> job = cluster.activeJob();
                out().printf(
                                "%-14s %s%n",
                                "job",
                                job.map(
                                                id -> {
                                                    try {
                                                        return id
                                                                + " "
                                                                + cluster.flink().jobState(id);
                                                    } catch (Exception e) {
                                                        return id;
                                                    }
                                                })
                                        .orElse("none"));
            }
            return 0;
        }
    }

    @Command(
            name = "submit",
            description = "Submit the job jar over Flink's REST API, optionally from a savepoint.")
    static final class Submit extends Base {
        @Option(names = "--from-savepoint", description = "savepoint or checkpoint to start from")
        String fromSavepoint;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = cluster();
            cluster.submit(job(cluster), Optional.ofNullable(fromSavepoint));
            return 0;
        }
    }

    @Command(name = "stop-job", description = "Stop the job with a savepoint and print its path.")
    static final class StopJob extends Base {
        @Override
        public Integer call() throws Exception {
            out().println(cluster().stopJob());
            return 0;
        }
    }

    @Command(
            name = "rescale",
            description = "Stop the job with a savepoint and resume it at --parallelism.")
    static final class Rescale extends Base {
        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = cluster();
            JobSettings job = job(cluster);
            String savepoint = cluster.stopJob();
            cluster.submit(job, Optional.of(savepoint));
            return 0;
        }
    }

    @Command(
            name = "rebuild-state",
            description = {
                "Rebuild the job's state from the event log and start the job from it.",
                "For lost checkpoints or changed decision logic. Stop the job first (stop-job);"
                        + " the rebuild runs on the cluster as a batch job and reads the log to"
                        + " its end."
            })
    static final class RebuildState extends Base {
        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = cluster();
            JobSettings job = job(cluster);
            cluster.submit(job, Optional.of(cluster.rebuildState(job)));
            return 0;
        }
    }

    @Command(
            name = "kill",
            description = "Kill one process with SIGKILL, to watch the ledger recover.")
    static final class Kill extends Base {
        @Parameters(description = "kafka-1..3, postgres, jobmanager, taskmanager-1..2 or api")
        String component;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = cluster();
            if (!LocalCluster.COMPONENTS.contains(component)) {
                throw new IllegalArgumentException(
                        "no component "
                                + component
                                + "; the components are "
                                + String.join(", ", LocalCluster.COMPONENTS));
            }
            cluster.kill(component);
            out().println("ledger: killed " + component);
            return 0;
        }
    }

    @Command(name = "start", description = "Start one process, e.g. after `kill`.")
    static final class Start extends Base {
        @Parameters(description = "kafka-1..3, postgres, jobmanager, taskmanager-1..2 or api")
        String component;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = cluster();
            if (cluster.alive(component)) {
                throw new IllegalStateException(component + " is already running");
            }
            cluster.start(component);
            return 0;
        }
    }
}
