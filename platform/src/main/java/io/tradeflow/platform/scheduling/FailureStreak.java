package io.tradeflow.platform.scheduling;

import java.time.Duration;

/**
 * Failed runs in a row of one recurring task (a poll, a relay, a scheduled scan), deciding which of them deserve a
 * log line: the first of a streak, then one every {@link #REPORT_EVERY} while it lasts. A task retrying every second
 * through a database outage would otherwise bury everything else in the log. Thread-safe.
 */
public final class FailureStreak {
    static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private long failures;
    private long reportedAt;

    /** Counts a failed run; the failures in a row so far when this one should be logged, else 0. */
    public synchronized long failed() {
        failures++;
        long now = System.nanoTime();
        if (failures == 1 || now - reportedAt >= REPORT_EVERY.toNanos()) {
            reportedAt = now;
            return failures;
        }
        return 0;
    }

    /** Ends the streak; the failed runs it had (0 when the task was not failing), for a line saying it recovered. */
    public synchronized long succeeded() {
        long had = failures;
        failures = 0;
        return had;
    }

    /** The failed runs in a row so far. */
    public synchronized long failures() {
        return failures;
    }

    /** " (n in a row)" once a streak is longer than one failure, for the log line. */
    public static String inARow(long failures) {
        return failures <= 1 ? "" : " (" + failures + " in a row)";
    }
}
