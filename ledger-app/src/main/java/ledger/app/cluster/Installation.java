package ledger.app.cluster;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the pieces of a local cluster come from, all built by `mvn install`: the application's
 * classpath (brokers, PostgreSQL and `ledger api` run from it), the Flink runtime's classpath
 * written by the ledger-cluster module, and the deployable job jar of ledger-job.
 */
public record Installation(String appClasspath, String flinkClasspath, Path jobJar) {

    /**
     * Finds the pieces from the repository the running code was built in ({@code -Dledger.home},
     * else the nearest directory above the application jar or classes that holds the modules);
     * explicit paths win.
     */
    public static Installation locate(Path flinkClasspathFile, Path jobJar) throws IOException {
        Path home = home();
        Path classpathFile =
                flinkClasspathFile != null
                        ? flinkClasspathFile
                        : home.resolve("ledger-cluster/target/flink.classpath");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(
                    "no Flink classpath at "
                            + classpathFile
                            + "; build with `mvn install -DskipTests` or pass --flink-classpath");
        }
        Path jar = jobJar != null ? jobJar : findJobJar(home.resolve("ledger-job/target"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no job jar at " + jar);
        }
        return new Installation(
                appClasspath(home), Files.readString(classpathFile).strip(), jar.toAbsolutePath());
    }

    private static Path findJobJar(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                Optional<Path> jar =
                        files.filter(p -> p.getFileName().toString().endsWith("-job.jar"))
                                .findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            }
        }
        throw new IllegalStateException(
                "no job jar in "
                        + target
                        + "; build with `mvn install -DskipTests` or pass --job-jar");
    }

    /**
     * The shaded application jar (the running one under `./ledger`, else the build's), or this
     * JVM's classpath when there is none. A test runs from the plain module jar, without its
     * dependencies: never that.
     */
    private static String appClasspath(Path home) {
        Path running = codeSource();
        if (Files.isRegularFile(running) && running.getFileName().toString().equals("ledger.jar")) {
            return running.toString();
        }
        Path built = home.resolve("ledger-app/target/ledger.jar");
        return Files.isRegularFile(built)
                ? built.toString()
                : System.getProperty("java.class.path");
    }

    private static Path home() {
        String home = System.getProperty("ledger.home");
        if (home != null) {
            return Path.of(home).toAbsolutePath();
        }
        // .ledger/ledger.jar, ledger-app/target/ledger.jar or ledger-app/target/classes: the
        // nearest directory above that holds the build's modules.
        for (Path dir = codeSource().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("ledger-cluster"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot tell where the ledger was built; run it from its repository or pass"
                        + " -Dledger.home=DIR");
    }

    private static Path codeSource() {
        try {
            return Path.of(
                            Installation.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
