package io.tradeflow.devstack.bench;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Open-model load: request i is due at {@code start + i / rate}, whatever happened to earlier ones.
 * Latency is measured from that intended start, not from when the request was actually sent, so a
 * stalled system is charged for the requests it delayed (no coordinated omission). When the sender
 * falls behind it fires every overdue request at once instead of silently lowering the rate.
 */
public final class FixedRateLoad {

    /** When request {@code index} should start. Pure, for tests. */
    public static long intendedStartNanos(long startNanos, long index, double ratePerSecond) {
        return startNanos + (long) (index * 1e9 / ratePerSecond);
    }

    /** How many requests are due at {@code nowNanos} (indexes 0..n-1). Pure, for tests. */
    public static long dueCount(long startNanos, long nowNanos, double ratePerSecond) {
        if (nowNanos < startNanos) {
            return 0;
        }
        return (long) Math.floor((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
    }

    /**
     * Calls {@code fire} with each request's intended start time, at {@code ratePerSecond} for
     * {@code duration}, from the calling thread. The callee records latency itself (useful when the
     * completion is observed elsewhere, e.g. by a Kafka consumer). Returns how many were fired.
     */
    public static long run(double ratePerSecond, Duration duration, LongConsumer fire) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long total = dueCount(start, end - 1, ratePerSecond);
        long fired = 0;
        while (true) {
            long now = System.nanoTime();
            // A sender descheduled past the end still owes every request due before it; returning
            // without them would quietly lower the rate the figures claim.
            long due = Math.min(dueCount(start, now, ratePerSecond), total);
            while (fired < due) {
                fire.accept(intendedStartNanos(start, fired, ratePerSecond));
                fired++;
            }
            if (now >= end) {
                return fired;
            }
            long next = intendedStartNanos(start, fired, ratePerSecond) - System.nanoTime();
            if (next > 0) {
                // parkNanos sleeps at least ~50 µs; at high rates the next loop fires a small batch instead.
                LockSupport.parkNanos(Math.min(next, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        }
    }

    /**
     * Fixed-rate load for asynchronous requests: records completion time minus intended start into
     * {@code latency}, then waits up to {@code drain} for stragglers.
     */
    public static Result runAsync(double ratePerSecond, Duration duration, Duration drain,
                                  Supplier<? extends CompletionStage<?>> request, LatencyRecorder latency) {
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        long fired = run(ratePerSecond, duration, intended -> request.get().whenComplete((ok, error) -> {
            if (error == null) {
                latency.recordNanos(System.nanoTime() - intended);
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }));
        long drainEnd = System.nanoTime() + drain.toNanos();
        while (completed.get() + failed.get() < fired && System.nanoTime() < drainEnd) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return new Result(fired, completed.get(), failed.get(), System.nanoTime() - started);
    }

    public record Result(long fired, long completed, long failed, long elapsedNanos) {
        public double completedPerSecond() {
            return completed * 1e9 / elapsedNanos;
        }
    }

    private FixedRateLoad() {
    }
}
