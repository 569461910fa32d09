package io.tradeflow.testinfra.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Open-loop load: record {@code i} is due at {@code start + i / rate}, whatever the system under test does,
 * so a slow consumer shows up as latency instead of silently lowering the offered rate.
 *
 * <p>It parks and never spins: spinning the last 20 us before each record cost about a tenth of a core at 6,000
 * records/s, taken from the 2 cores the service, broker and database share. Nor does it wake for every record: at
 * 26,000 records/s a park per record woke ~8,700 times a second and cost a quarter of a core, against a twentieth
 * when it wakes once per {@link #TICK_NANOS}, again taken from the system under test. It wakes at most once per
 * tick and sends every record that has fallen due by then. Latency still counts from each record's due time, so
 * the up to one tick a record waits for its wake-up is added to the figures (both sides of a comparison alike),
 * never hidden.
 */
public final class Pacer {
    /**
     * The shortest time between two wake-ups: well under every latency the benchmarks report, and coarser batching
     * happens downstream anyway (a WMS producer's linger is 5 ms).
     */
    static final long TICK_NANOS = 1_000_000;

    /** Calls {@code send} with each record's intended send time (System.nanoTime); returns records offered. */
    public static int run(double perSecond, int records, LongConsumer send) {
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        long lastWake = start;
        for (int i = 0; i < records; i++) {
            long due = start + (long) (i * interval);
            if (due > System.nanoTime()) {
                long until = Math.max(due, lastWake + TICK_NANOS);
                for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                lastWake = System.nanoTime();
            }
            send.accept(due);
        }
        return records;
    }

    private Pacer() {
    }
}
