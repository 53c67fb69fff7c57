package ledger.app;

import java.util.concurrent.CountDownLatch;

/** Closes what a long-running subcommand started when the JVM is asked to stop (Ctrl-C, TERM). */
public final class StopHook {

    private StopHook() {}

    /** Registers the hook; the latch opens once {@code component} is closed. */
    public static CountDownLatch closeOnExit(AutoCloseable component, String threadName) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println("ledger: stopping");
                                    try {
                                        component.close();
                                    } catch (Exception e) {
                                        System.err.println("ledger: stop: " + e.getMessage());
                                    }
                                    stopped.countDown();
                                },
                                threadName));
        return stopped;
    }
}
