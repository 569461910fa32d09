package io.tradeflow.testinfra.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Open-loop load: record {@code i} is due at {@code start + i / rate}, whatever the system under test does,
 * so a slow consumer shows up as latency instead of silently lowering the offered rate.
 */
public final class Pacer {

    /** Calls {@code send} with each record's intended send time (System.nanoTime); returns records offered. */
    public static int run(double perSecond, int records, LongConsumer send) {
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait - 20_000);
            }
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            send.accept(due);
        }
        return records;
    }

    private Pacer() {
    }
}
