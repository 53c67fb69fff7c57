package ledger.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the run costs in memory and on disk: this JVM's heap (sampled while the bench runs, and
 * after a collection at the end) and the size of state directories.
 */
final class Footprint implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean running = true;

    /** Starts sampling the used heap every quarter second. */
    Footprint() {
        sampler =
                new Thread(
                        () -> {
                            while (running) {
                                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                                try {
                                    Thread.sleep(250);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "bench-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The highest used heap sampled. */
    long peakHeap() {
        return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    /** The heap still in use after a full collection: what the running stack holds. */
    long heapAfterGc() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    long maxHeap() {
        return memory.getHeapMemoryUsage().getMax();
    }

    /** Bytes of all files under a directory; 0 when there is none. */
    static long bytes(Path dir) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(dir)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(Footprint::size).sum();
            } catch (IOException | UncheckedIOException e) {
                // A checkpoint subsumed and deleted while walking: look again.
                if (attempt == 3) {
                    throw new IllegalStateException("cannot measure " + dir + ": " + e);
                }
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException vanished) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
