package dev.shapesvae.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA, redrawn in place on a terminal ({@code \r}) and
 * printed at most every few seconds as plain lines when the output is not a terminal (CI logs).
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String task;
    private final long total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    /** The first update's time and count: the rate is measured from there (see {@link #eta}). */
    private long rateStart;
    private long rateStartDone = -1;
    private long lastDraw;
    private int lastLength;

    public ProgressBar(PrintStream out, String task, long total) {
        this(out, task, total, System.console() != null);
    }

    ProgressBar(PrintStream out, String task, long total, boolean interactive) {
        this.out = out;
        this.task = task;
        this.total = Math.max(1, total);
        this.interactive = interactive;
    }

    /** Reports that {@code done} of the total units are finished; {@code status} is appended (for example the loss). */
    public void update(long done, String status) {
        update(done, status, System.nanoTime());
    }

    /** {@link #update(long, String)} at the time {@code now} (nanoseconds, as from {@link System#nanoTime}). */
    void update(long done, String status, long now) {
        if (rateStartDone < 0) {
            rateStart = now;
            rateStartDone = done;
        }
        boolean finished = done >= total;
        long interval = interactive ? REDRAW_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        if (!finished && now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        String line = render(done, (now - start) / 1e9, eta(done, now), status);
        if (interactive) {
            String padded = line + " ".repeat(Math.max(0, lastLength - line.length()));
            out.print("\r" + padded + (finished ? "\n" : ""));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar's line if it was left open. */
    public void clearLine() {
        if (interactive && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
            lastLength = 0;
        }
    }

    /**
     * Time left at the rate since the first update. Timing from the first update rather than from
     * construction leaves out the first unit, which carries one-off costs (TensorFlow builds and
     * optimises its graph on the first step: timed from the start, a 3 s training showed an ETA of
     * 2m40s), and the units a resumed task had done before this process started.
     */
    String eta(long done, long now) {
        long timed = done - rateStartDone;
        return timed <= 0 ? "--" : duration((now - rateStart) / 1e9 / timed * (total - done));
    }

    String render(long done, double elapsedSeconds, String eta, String status) {
        double fraction = Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %d/%d elapsed %s ETA %s%s", task, "#".repeat(filled),
                ".".repeat(WIDTH - filled), fraction * 100, done, total, duration(elapsedSeconds), eta,
                status == null || status.isEmpty() ? "" : "  " + status);
    }

    /** 75 -> "1m15s", 3725 -> "1h02m". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
