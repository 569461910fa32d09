package io.tradeflow.testinfra.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Open-loop load: record {@code i} is due at {@code start + i / rate}, whatever the system under test does,
 * so a slow consumer shows up as latency instead of silently lowering the offered rate.
 *
 * <p>It parks and never spins: spinning the last 20 us before each record cost about a tenth of a core at 6,000
 * records/s, taken from the 2 cores the service, broker and database share. Nor does it wake once per record: at
 * 15,000 records/s a park and wake-up per record kept the benchmark JVM busier at half rate than at full speed
 * (0.044 against 0.017 ms of CPU per record in the inventory benchmark), again on the cores the system under test
 * needs. It wakes once per tick ({@code bench.pace-tick-us}, 1000 by default; 0 wakes per record) and sends every
 * record that fell due in it. Latency still counts from each record's own due time, so waiting for the tick can
 * only add to the figures (half a tick on average), never hide a delay.
 */
public final class Pacer {
    private static final long TICK_NANOS = Long.getLong("bench.pace-tick-us", 1000) * 1000;

    /** Calls {@code send} with each record's intended send time (System.nanoTime); returns records offered. */
    public static int run(double perSecond, int records, LongConsumer send) {
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            long due = start + (long) (i * interval);
            long wakeAt = TICK_NANOS <= 0 ? due : start + (due - start + TICK_NANOS - 1) / TICK_NANOS * TICK_NANOS;
            for (long wait = wakeAt - System.nanoTime(); wait > 0; wait = wakeAt - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            send.accept(due);
        }
        return records;
    }

    private Pacer() {
    }
}
