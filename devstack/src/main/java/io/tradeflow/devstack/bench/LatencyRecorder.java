package io.tradeflow.devstack.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe latency recording in nanoseconds (HdrHistogram, 3 significant digits, up to 1 minute).
 * Values above the range are clamped rather than dropped: dropping the worst samples would flatter p99.
 */
public final class LatencyRecorder {
    private static final long MAX_TRACKABLE = TimeUnit.MINUTES.toNanos(1);

    private final Recorder recorder = new Recorder(MAX_TRACKABLE, 3);
    private final Histogram total = new Histogram(MAX_TRACKABLE, 3);

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, MAX_TRACKABLE)));
    }

    /** Everything recorded so far (accumulating across calls). */
    public synchronized Summary summary() {
        total.add(recorder.getIntervalHistogram());
        return new Summary(total.getTotalCount(), millis(total.getValueAtPercentile(50)),
                millis(total.getValueAtPercentile(99)), millis(total.getValueAtPercentile(99.9)),
                millis(total.getMaxValue()));
    }

    /** Forgets what was recorded, e.g. after a warm-up. */
    public synchronized void reset() {
        recorder.reset();
        total.reset();
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    public record Summary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    }
}
