package io.tradeflow.testinfra.bench;

import java.util.Arrays;

/** Benchmarks' end-to-end latency samples of one phase, in nanoseconds; percentiles by sorting (phases are small). */
public final class Latencies {
    private long[] samples = new long[1 << 14];
    private int count;

    public synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized int count() {
        return count;
    }

    /** The q-quantile (0..1) in milliseconds, or NaN without samples. */
    public synchronized double millis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1));
        return sorted[index] / 1e6;
    }
}
