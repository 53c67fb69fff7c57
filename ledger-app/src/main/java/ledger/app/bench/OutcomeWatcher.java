package ledger.app.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows the outcomes topic as a read_committed client sees it, from its end when started, and
 * notes the first outcome of each command of one phase: the moment a command's answer is visible.
 * Outcomes are keyed by command id, so only keys are read, and whether the outcome is a rejection.
 */
final class OutcomeWatcher implements AutoCloseable {

    /** Told the moment the first outcome of the command with this index became visible. */
    interface FirstOutcome {
        void seen(int index, long nanos);
    }

    private static final byte[] REJECTED = "\"status\":\"REJECTED\"".getBytes(UTF_8);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final byte[] prefix;
    private final FirstOutcome listener;
    private final BitSet seen = new BitSet();
    private final AtomicInteger distinct = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();
    private final Thread thread;
    private volatile long lastNanos;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /** Positions itself at the end of the topic before returning: start it before producing. */
    OutcomeWatcher(BenchClients clients, String topic, String idPrefix, FirstOutcome listener) {
        this.consumer = clients.readCommitted(null);
        this.prefix = idPrefix.getBytes(UTF_8);
        this.listener = listener;
        List<TopicPartition> partitions = BenchClients.assignAll(consumer, topic);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::follow, "bench-outcomes");
        thread.setDaemon(true);
        thread.start();
    }

    /** Commands with at least one outcome. */
    int distinct() {
        return distinct.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** When the latest first outcome became visible. */
    long lastNanos() {
        return lastNanos;
    }

    /**
     * Waits until {@code expected} commands have an outcome, showing progress; fails when none
     * arrives for {@code stall}.
     */
    void await(int expected, Duration stall, Progress progress) throws InterruptedException {
        int before = -1;
        long since = System.nanoTime();
        while (distinct() < expected) {
            if (failure != null) {
                throw failure;
            }
            int now = distinct();
            if (now != before) {
                before = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > stall.toNanos()) {
                throw new IllegalStateException(
                        "no outcome for "
                                + stall.toSeconds()
                                + " s with "
                                + (expected - now)
                                + " of "
                                + expected
                                + " commands unanswered; is the ledger running?");
            }
            progress.update(now);
            Thread.sleep(50);
        }
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    int index = index(record.key());
                    if (index >= 0 && !seen.get(index)) {
                        long now = System.nanoTime();
                        seen.set(index);
                        listener.seen(index, now);
                        if (contains(record.value(), REJECTED)) {
                            rejected.incrementAndGet();
                        }
                        lastNanos = now;
                        distinct.incrementAndGet();
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
            }
        } finally {
            consumer.close();
        }
    }

    /** The index in a command id of this phase, or -1 for another command's. */
    private int index(byte[] key) {
        if (key == null || key.length <= prefix.length || key.length > prefix.length + 9) {
            return -1;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return -1;
            }
        }
        int index = 0;
        for (int i = prefix.length; i < key.length; i++) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            index = index * 10 + digit;
        }
        return index;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
