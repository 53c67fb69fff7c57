package ledger.app.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** `ledger up` as a separate operating-system process, the way a user runs it, to kill -9. */
public final class LedgerProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private LedgerProcess(Process process) {
        this.process = process;
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    output.add(line);
                                }
                            } catch (IOException ignored) {
                                // the process died: that is what these tests do to it
                            }
                        },
                        "ledger-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts `ledger up` from the application jar and waits until it says it is up. */
    public static LedgerProcess start(Path dataDir, Ports ports) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx1g", "-XX:MaxDirectMemorySize=512m"));
        command.addAll(
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("--add-opens"))
                        .toList());
        command.addAll(List.of("-cp", classpath()));
        command.addAll(
                List.of(
                        "ledger.app.Main",
                        "up",
                        "--data-dir",
                        dataDir.toString(),
                        "--kafka-port",
                        String.valueOf(ports.kafka()),
                        "--controller-port",
                        String.valueOf(ports.controller()),
                        "--web-ui-port",
                        String.valueOf(ports.webUi()),
                        "--http-port",
                        String.valueOf(ports.http()),
                        "--postgres-port",
                        String.valueOf(ports.postgres()),
                        "--checkpoint-interval",
                        "500ms"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        LedgerProcess ledger = new LedgerProcess(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (ledger.output.stream().noneMatch(line -> line.startsWith("ledger: up in"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("ledger up did not come up: " + ledger.output);
            }
            Thread.sleep(100);
        }
        return ledger;
    }

    /** The ports of one ledger, kept across its restarts. */
    public record Ports(int kafka, int controller, int webUi, int http, int postgres) {
        public static Ports free() {
            return new Ports(
                    ledger.app.embedded.Ports.free(),
                    ledger.app.embedded.Ports.free(),
                    ledger.app.embedded.Ports.free(),
                    ledger.app.embedded.Ports.free(),
                    ledger.app.embedded.Ports.free());
        }

        public String bootstrapServers() {
            return "127.0.0.1:" + kafka;
        }
    }

    public List<String> output() {
        return output;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or cancelled. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** The shaded jar `ledger up` runs from, when the build has packaged it. */
    private static String classpath() {
        Path jar = Path.of("target", "ledger.jar");
        return Files.isRegularFile(jar) ? jar.toString() : System.getProperty("java.class.path");
    }
}
