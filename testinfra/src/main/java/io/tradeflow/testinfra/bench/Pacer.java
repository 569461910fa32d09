package io.tradeflow.testinfra.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Open-loop load: record {@code i} is due at {@code start + i / rate}, whatever the system under test does,
 * so a slow consumer shows up as latency instead of silently lowering the offered rate.
 *
 * <p>It parks until a record is due and never spins: spinning the last 20 us before each record cost about a
 * tenth of a core at 6,000 records/s, taken from the 2 cores the service, broker and database share. A park that
 * overshoots (tens of microseconds) sends the records that fell due together; latency still counts from each
 * record's due time, so an overshoot can only add to the figures, never hide a delay.
 */
public final class Pacer {

    /** Calls {@code send} with each record's intended send time (System.nanoTime); returns records offered. */
    public static int run(double perSecond, int records, LongConsumer send) {
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            long due = start + (long) (i * interval);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            send.accept(due);
        }
        return records;
    }

    private Pacer() {
    }
}
