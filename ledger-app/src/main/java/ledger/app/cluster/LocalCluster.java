package ledger.app.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import ledger.app.embedded.Ports;
import ledger.job.Checkpoints;
import ledger.job.LedgerJob;
import ledger.job.rebuild.StateRebuild;

/**
 * A ledger cluster on this machine, every piece its own process: three Kafka nodes (one KRaft
 * quorum, replication factor 3, min in-sync 2), PostgreSQL, a Flink JobManager and two TaskManagers
 * (two slots each), and the `ledger api` read side. Processes are started detached, with pid files
 * and logs under the data directory, so the cluster outlives the command that started it; {@link
 * #down} stops the job with a savepoint and the processes in reverse order.
 */
public final class LocalCluster {

    public static final List<String> KAFKA = List.of("kafka-1", "kafka-2", "kafka-3");
    public static final List<String> TASK_MANAGERS = List.of("taskmanager-1", "taskmanager-2");
    public static final String POSTGRES = "postgres";
    public static final String JOB_MANAGER = "jobmanager";
    public static final String API = "api";

    /** Start order; {@link #down} stops in reverse. */
    public static final List<String> COMPONENTS =
            List.of(
                    KAFKA.get(0),
                    KAFKA.get(1),
                    KAFKA.get(2),
                    POSTGRES,
                    JOB_MANAGER,
                    TASK_MANAGERS.get(0),
                    TASK_MANAGERS.get(1),
                    API);

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration REBUILD = Duration.ofMinutes(30);

    private final ClusterLayout layout;
    private final Installation install;
    private final Consumer<String> report;
    private final FlinkRest flink;
    private final FlinkProcesses flinkProcesses;

    public LocalCluster(ClusterLayout layout, Installation install, Consumer<String> report) {
        this.layout = layout;
        this.install = install;
        this.report = report;
        this.flink = new FlinkRest(layout.restUrl());
        this.flinkProcesses = new FlinkProcesses(layout, install.flinkClasspath());
    }

    /** The Flink classpath and the job jar this cluster runs. */
    public Installation installation() {
        return install;
    }

    public ClusterLayout layout() {
        return layout;
    }

    public FlinkRest flink() {
        return flink;
    }

    /** Starts whatever is not running, then the job (resuming its state) unless one runs. */
    public void up(JobSettings job, boolean submit) throws Exception {
        layout.write();
        // A Kafka node serves only once a majority of the quorum is up: launch them together.
        Map<String, Process> kafka = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (String name : KAFKA) {
            if (!alive(name)) {
                kafka.put(name, launch(name));
            }
        }
        for (Map.Entry<String, Process> node : kafka.entrySet()) {
            awaitReady(node.getKey(), node.getValue(), started);
        }
        for (String name : COMPONENTS) {
            if (name.equals(API) && submit && activeJob().isEmpty()) {
                submit(job, restorePoint());
            }
            if (!alive(name)) {
                start(name);
            }
        }
    }

    /** Stops the job with a savepoint (kept for the next `up`), then every process. */
    public void down() throws Exception {
        if (alive(JOB_MANAGER) && activeJob().isPresent()) {
            try {
                stopJob();
            } catch (RuntimeException e) {
                report.accept("the job could not be stopped with a savepoint: " + e.getMessage());
            }
        }
        List<String> reversed = new ArrayList<>(COMPONENTS);
        Collections.reverse(reversed);
        reversed.removeAll(KAFKA);
        for (String name : reversed) {
            stop(name);
        }
        // Together: the last node alone has no quorum to shut down against, and would hang.
        stop(KAFKA);
    }

    /** Each component and its pid when it runs. */
    public Map<String, Optional<Long>> status() {
        Map<String, Optional<Long>> status = new LinkedHashMap<>();
        for (String name : COMPONENTS) {
            status.put(name, process(name).map(ProcessHandle::pid));
        }
        return status;
    }

    public boolean alive(String name) {
        return process(name).isPresent();
    }

    /** Starts one component as a detached process and waits until it serves. */
    public void start(String name) throws Exception {
        long started = System.nanoTime();
        awaitReady(name, launch(name), started);
    }

    private Process launch(String name) throws Exception {
        List<String> command = command(name);
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.pids());
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        layout.logs().resolve(name + ".out").toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
        Files.writeString(pidFile(name), String.valueOf(process.pid()));
        return process;
    }

    /** SIGKILL, as a crash: nothing is flushed or shut down. */
    public void kill(String name) throws InterruptedException {
        Optional<ProcessHandle> process = process(name);
        if (process.isPresent()) {
            process.get().destroyForcibly();
            process.get().onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** SIGTERM and a wait for a clean shutdown; SIGKILL (with children) after a minute. */
    public void stop(String name) {
        stop(List.of(name));
    }

    private void stop(List<String> names) {
        Map<String, ProcessHandle> running = new LinkedHashMap<>();
        List<ProcessHandle> children = new ArrayList<>();
        for (String name : names) {
            process(name)
                    .ifPresent(
                            process -> {
                                running.put(name, process);
                                children.addAll(process.descendants().toList());
                                process.destroy();
                            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Map.Entry<String, ProcessHandle> entry : running.entrySet()) {
            ProcessHandle process = entry.getValue();
            try {
                process.onExit()
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception slow) {
                process.destroyForcibly();
                process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            }
            report.accept(entry.getKey() + " stopped");
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Uploads the job jar over REST and runs it, from a savepoint or checkpoint if given. Refused
     * while a ledger job runs: two would share transactional ids and fence each other's writes.
     */
    public String submit(JobSettings job, Optional<String> from) throws Exception {
        requireNoJob();
        String jarId = flink.upload(job.jobJar());
        String jobId = flink.run(jarId, job.programArgs(layout), from);
        Files.writeString(layout.dir().resolve("job.id"), jobId);
        awaitRunning(jobId, READY);
        report.accept(
                "job "
                        + jobId
                        + " running at parallelism "
                        + job.parallelism()
                        + from.map(p -> ", restored from " + p).orElse(", started fresh"));
        return jobId;
    }

    /** Stops the running job with a savepoint and returns its path (also kept for `up`). */
    public String stopJob() throws Exception {
        String jobId =
                activeJob()
                        .orElseThrow(() -> new IllegalStateException("no ledger job is running"));
        String savepoint =
                flink.stopWithSavepoint(
                        jobId, layout.savepoints().toUri().toString(), Duration.ofMinutes(3));
        Files.writeString(layout.dir().resolve("last-savepoint"), savepoint);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!flink.jobState(jobId).equals("FINISHED") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        report.accept("job " + jobId + " stopped with savepoint " + savepoint);
        return savepoint;
    }

    /**
     * Rebuilds the job's keyed state from the log alone, for lost checkpoints or changed decision
     * logic: runs {@link StateRebuild} from the job jar on the cluster as a batch job, and returns
     * the savepoint it wrote (also kept for `up`). No ledger job may run: the rebuild reads the log
     * as it is.
     */
    public String rebuildState(JobSettings job) throws Exception {
        requireNoJob();
        // A directory name, not a decision: the wall clock only keeps rebuilds apart.
        String savepoint =
                layout.savepoints()
                        .resolve("rebuilt-" + System.currentTimeMillis())
                        .toUri()
                        .toString();
        List<String> args = new ArrayList<>(List.of("--savepoint-dir", savepoint));
        args.addAll(job.programArgs(layout));
        String jarId = flink.upload(job.jobJar());
        String jobId =
                flink.run(jarId, Optional.of(StateRebuild.class.getName()), args, Optional.empty());
        long deadline = System.nanoTime() + REBUILD.toNanos();
        for (String state = flink.jobState(jobId);
                !state.equals("FINISHED");
                state = flink.jobState(jobId)) {
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new IllegalStateException(
                        "the state rebuild "
                                + jobId
                                + " is "
                                + state
                                + "; see "
                                + log(JOB_MANAGER));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the state rebuild " + jobId + " did not finish within " + REBUILD);
            }
            Thread.sleep(500);
        }
        Files.writeString(layout.dir().resolve("last-savepoint"), savepoint);
        report.accept("state rebuilt from the log into " + savepoint);
        return savepoint;
    }

    private void requireNoJob() throws IOException, InterruptedException {
        Optional<String> running = activeJob();
        if (running.isPresent()) {
            throw new IllegalStateException(
                    "the ledger job "
                            + running.get()
                            + " is running; stop it first: ledger cluster stop-job");
        }
    }

    /** The id of the ledger job that is not finished, if any. */
    public Optional<String> activeJob() throws IOException, InterruptedException {
        return flink.activeJob(LedgerJob.NAME).map(j -> j.path("jid").asText());
    }

    /** Waits until the job and all its tasks run. */
    public void awaitRunning(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!flink.allTasksRunning(jobId)) {
            String state = flink.jobState(jobId);
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new IllegalStateException(
                        "job " + jobId + " is " + state + "; see " + log(JOB_MANAGER));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "job " + jobId + " not running after " + timeout + " (" + state + ")");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Where the next job resumes: the newer of the last stop's savepoint and the last job's newest
     * retained checkpoint (after a crash of the whole cluster there is no savepoint).
     */
    public Optional<String> restorePoint() throws IOException {
        Optional<Path> savepoint = readPath("last-savepoint");
        Optional<Path> checkpoint = Optional.empty();
        Path jobIdFile = layout.dir().resolve("job.id");
        if (Files.isRegularFile(jobIdFile)) {
            checkpoint =
                    Checkpoints.latest(
                            layout.checkpoints().resolve(Files.readString(jobIdFile).strip()));
        }
        Optional<Path> newest =
                Stream.of(savepoint, checkpoint)
                        .flatMap(Optional::stream)
                        .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                        .max(
                                Comparator.comparingLong(
                                        p -> p.resolve("_metadata").toFile().lastModified()));
        return newest.map(p -> p.toUri().toString());
    }

    public Path log(String name) {
        return layout.logs().resolve(name + ".log");
    }

    private Optional<Path> readPath(String file) throws IOException {
        Path path = layout.dir().resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(URI.create(Files.readString(path).strip())));
    }

    private List<String> command(String name) throws Exception {
        if (KAFKA.contains(name)) {
            int i = KAFKA.indexOf(name);
            Ports.requireFree(layout.kafkaPorts().get(i), name, "--port-base");
            Ports.requireFree(
                    layout.controllerPorts().get(i), name + "'s controller", "--port-base");
            List<String> command = java(name, "-Xms256m", "-Xmx384m");
            command.addAll(
                    List.of(
                            "-cp",
                            install.appClasspath(),
                            KafkaNode.class.getName(),
                            layout.dir().resolve(name).toString(),
                            String.valueOf(i + 1),
                            String.valueOf(layout.kafkaPorts().get(i)),
                            String.valueOf(layout.controllerPorts().get(i)),
                            layout.voters()));
            return command;
        }
        if (name.equals(POSTGRES)) {
            List<String> command = java(name, "-Xmx128m");
            command.addAll(
                    List.of(
                            "-cp",
                            install.appClasspath(),
                            PostgresNode.class.getName(),
                            layout.dir().resolve("postgres").toString(),
                            String.valueOf(layout.postgresPort())));
            return command;
        }
        if (name.equals(JOB_MANAGER)) {
            Ports.requireFree(layout.restPort(), "Flink's REST API", "--port-base");
            Ports.requireFree(layout.jobManagerRpcPort(), "Flink's JobManager", "--port-base");
            return flinkProcesses.jobManager(javaBinary());
        }
        if (TASK_MANAGERS.contains(name)) {
            return flinkProcesses.taskManager(javaBinary(), name);
        }
        if (name.equals(API)) {
            Ports.requireFree(layout.httpPort(), "the HTTP API", "--port-base");
            List<String> command = java(name, "-Xmx256m");
            command.addAll(
                    List.of(
                            "-cp",
                            install.appClasspath(),
                            "ledger.app.Main",
                            "api",
                            "--bootstrap-servers",
                            layout.bootstrapServers(),
                            "--jdbc-url",
                            layout.jdbcUrl(),
                            "--http-port",
                            String.valueOf(layout.httpPort()),
                            "--flink-rest",
                            layout.restUrl()));
            return command;
        }
        throw new IllegalArgumentException(
                "no component " + name + "; the components are " + String.join(", ", COMPONENTS));
    }

    /** A small JVM of ours, logging to {@code logs/NAME.log}. */
    private List<String> java(String name, String... heap) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(List.of(heap));
        command.add("-XX:+UseSerialGC");
        command.add("-Dledger.log.file=" + log(name));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady(String name, Process process, long started) throws Exception {
        long deadline = started + READY.toNanos();
        while (!ready(name)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name
                                + " exited at start; see "
                                + layout.logs().resolve(name + ".out")
                                + " and "
                                + log(name)
                                + lastLine(name));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + " not ready after " + READY + "; see " + log(name));
            }
            Thread.sleep(200);
        }
        report.accept(
                String.format(
                        "%s up (pid %d) in %.1f s",
                        name, process.pid(), (System.nanoTime() - started) / 1e9));
    }

    private boolean ready(String name) throws Exception {
        if (KAFKA.contains(name)) {
            return listening(layout.kafkaPorts().get(KAFKA.indexOf(name)));
        }
        if (name.equals(POSTGRES)) {
            return listening(layout.postgresPort());
        }
        if (name.equals(API)) {
            return listening(layout.httpPort());
        }
        if (!listening(layout.restPort())) {
            return false;
        }
        try {
            if (name.equals(JOB_MANAGER)) {
                flink.overview();
                return true;
            }
            // TaskManagers register under their resource id, which is their component name.
            return flink.taskManagerIds().contains(name);
        } catch (RuntimeException | IOException notYet) {
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String lastLine(String name) {
        try {
            Path out = layout.logs().resolve(name + ".out");
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "";
        }
    }

    private Path pidFile(String name) {
        return layout.pids().resolve(name + ".pid");
    }

    /**
     * The live process a pid file names; the command line must mention this cluster's directory, so
     * a pid reused by an unrelated process is not taken for ours.
     */
    private Optional<ProcessHandle> process(String name) {
        Path file = pidFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).strip());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(
                            p ->
                                    p.info()
                                            .commandLine()
                                            .map(c -> c.contains(layout.dir().toString()))
                                            .orElse(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
