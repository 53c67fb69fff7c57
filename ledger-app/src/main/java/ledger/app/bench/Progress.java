package ledger.app.bench;

import java.io.PrintWriter;

/**
 * A one-line progress indicator on standard error, redrawn in place, for a phase that takes a
 * while: a bar when the total is known, a counter otherwise, with the rate and the time so far.
 */
final class Progress {

    private static final int WIDTH = 24;

    private final PrintWriter err;

    /** Redraws at most this often; less often when nobody watches a terminal. */
    private final long everyNanos;

    private String label = "";
    private long total;
    private long started;
    private long drawn;
    private int lastLength;

    Progress(PrintWriter err) {
        this.err = err;
        this.everyNanos = System.console() != null ? 200_000_000L : 2_000_000_000L;
    }

    /** Starts a phase; a total of zero means unknown. */
    synchronized void begin(String label, long total) {
        this.label = label;
        this.total = total;
        this.started = System.nanoTime();
        this.drawn = 0;
        draw(0);
    }

    synchronized void update(long done) {
        long now = System.nanoTime();
        if (now - drawn >= everyNanos) {
            drawn = now;
            draw(done);
        }
    }

    /** Ends the phase with a summary in place of the bar. */
    synchronized void end(String summary) {
        line(label + ": " + summary);
        err.println();
        err.flush();
        lastLength = 0;
    }

    /** A line of its own between phases. */
    synchronized void note(String text) {
        if (lastLength > 0) {
            err.println();
            lastLength = 0;
        }
        err.println("ledger bench: " + text);
        err.flush();
    }

    private void draw(long done) {
        double seconds = (System.nanoTime() - started) / 1e9;
        String rate = seconds > 0.5 ? String.format("  %,.0f/s", done / seconds) : "";
        String time = String.format("  %.0f s", seconds);
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line(
                    String.format(
                            "%s [%s%s] %3d%% %,d/%,d%s%s",
                            label,
                            "#".repeat(filled),
                            ".".repeat(WIDTH - filled),
                            Math.min(100, 100 * done / total),
                            done,
                            total,
                            rate,
                            time));
        } else if (done > 0) {
            line(String.format("%s %,d%s%s", label, done, rate, time));
        } else {
            line(label + " ..." + time);
        }
    }

    private void line(String text) {
        err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
        err.flush();
        lastLength = text.length();
    }
}
