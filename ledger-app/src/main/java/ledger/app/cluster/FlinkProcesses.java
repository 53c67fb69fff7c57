package ledger.app.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flink session cluster without flink-dist: the configuration directory and the command lines of
 * the JobManager and TaskManagers, as flink-dist's scripts build them (memory flags computed by
 * Flink's own {@code BashJavaUtils}, the JVM opens Flink needs on Java 17).
 */
final class FlinkProcesses {

    /** The opens and exports flink-dist's scripts pass to every Flink JVM. */
    private static final List<String> JVM_OPENS;

    static {
        List<String> opens = new ArrayList<>();
        for (String pkg :
                List.of(
                        "java.lang",
                        "java.net",
                        "java.io",
                        "java.nio",
                        "sun.nio.ch",
                        "java.lang.reflect",
                        "java.text",
                        "java.time",
                        "java.util",
                        "java.util.concurrent",
                        "java.util.concurrent.atomic",
                        "java.util.concurrent.locks")) {
            opens.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        opens.add("--add-exports=java.base/sun.net.util=ALL-UNNAMED");
        opens.add("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED");
        opens.add("--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED");
        JVM_OPENS = List.copyOf(opens);
    }

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final ClusterLayout layout;
    private final String classpath;

    FlinkProcesses(ClusterLayout layout, String classpath) {
        this.layout = layout;
        this.classpath = classpath;
    }

    List<String> jobManager(String java) throws Exception {
        writeConfig();
        return command(
                java,
                "GET_JM_RESOURCE_PARAMS",
                LocalCluster.JOB_MANAGER,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of());
    }

    List<String> taskManager(String java, String name) throws Exception {
        writeConfig();
        return command(
                java,
                "GET_TM_RESOURCE_PARAMS",
                name,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                List.of("-D", "taskmanager.resource-id=" + name));
    }

    private List<String> command(
            String java, String resourceQuery, String name, String mainClass, List<String> extra)
            throws Exception {
        List<String> resources = resourceParams(java, resourceQuery);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(words(resources.get(0)));
        command.add("-XX:+UseSerialGC");
        command.addAll(JVM_OPENS);
        command.add("-Dlog.file=" + layout.logs().resolve(name + ".log"));
        command.add(
                "-Dlog4j.configurationFile="
                        + layout.flinkConf().resolve("log4j.properties").toUri());
        command.addAll(
                List.of("-cp", classpath, mainClass, "--configDir", layout.flinkConf().toString()));
        if (resources.size() > 1) {
            command.addAll(words(resources.get(1)));
        }
        command.addAll(extra);
        return command;
    }

    /**
     * The memory flags of a JobManager or TaskManager: what flink-dist's scripts get from {@code
     * BashJavaUtils} (JVM options on the first result line, {@code -D} properties on the second).
     * Without them a TaskManager refuses to start ("taskmanager.cpu.cores is not set").
     */
    private List<String> resourceParams(String java, String query) throws Exception {
        Process process =
                new ProcessBuilder(
                                java,
                                "-Xmx128m",
                                "-XX:+UseSerialGC",
                                "-cp",
                                classpath,
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                query,
                                "--configDir",
                                layout.flinkConf().toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    "Flink's BashJavaUtils failed: "
                            + output.lines().reduce((a, b) -> b).orElse(""));
        }
        return output.lines()
                .filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length()).strip())
                .toList();
    }

    private static List<String> words(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.split("\\s+"));
    }

    /**
     * Loopback only; memory sized for a 2-core, 24 GiB machine shared with other work; fast
     * heartbeats, so a killed TaskManager is noticed in seconds rather than the default 50 s; and
     * slots spread over both TaskManagers, so losing one always hits the job.
     */
    private void writeConfig() throws IOException {
        Path conf = layout.flinkConf();
        Files.createDirectories(conf);
        Path tmp = layout.dir().resolve("flink").resolve("tmp");
        Files.createDirectories(tmp);
        String config =
                String.join(
                        "\n",
                        "# written by `ledger cluster` on every start",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + layout.jobManagerRpcPort(),
                        "jobmanager.bind-host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.host: 127.0.0.1",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + layout.restPort(),
                        "jobmanager.memory.process.size: 1024m",
                        "taskmanager.memory.process.size: 1536m",
                        "taskmanager.numberOfTaskSlots: 2",
                        "parallelism.default: 2",
                        "cluster.evenly-spread-out-slots: true",
                        "heartbeat.interval: 1000",
                        "heartbeat.timeout: 8000",
                        "io.tmp.dirs: " + tmp,
                        "web.upload.dir: " + tmp,
                        "web.submit.enable: true",
                        "web.cancel.enable: true",
                        "");
        Files.writeString(conf.resolve("config.yaml"), config);
        // append = true: a second log4j initialisation must not wipe the first one's errors.
        String log4j =
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = MainAppender",
                        "appender.main.name = MainAppender",
                        "appender.main.type = File",
                        "appender.main.append = true",
                        "appender.main.fileName = ${sys:log.file}",
                        "appender.main.layout.type = PatternLayout",
                        "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        "");
        Files.writeString(conf.resolve("log4j.properties"), log4j);
    }
}
