package io.tradeflow.devstack.bench;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Closed-model load: {@code concurrency} callers, each starting its next request when the previous one
 * completes. It finds the maximum throughput; its latencies are not meaningful (a slow response delays
 * the next request), which is why latency is measured separately with {@link FixedRateLoad}.
 */
public final class ClosedLoopLoad {

    /** Returns completed requests per second over {@code measure}, after {@code warmup}. */
    public static double maxThroughput(int concurrency, Duration warmup, Duration measure,
                                       Supplier<? extends CompletionStage<?>> request) throws InterruptedException {
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(concurrency);
        Caller[] callers = new Caller[concurrency];
        for (int i = 0; i < concurrency; i++) {
            callers[i] = new Caller(request, completed, failed, stopped);
            callers[i].next();
        }
        Thread.sleep(warmup.toMillis());
        long c0 = completed.get();
        long t0 = System.nanoTime();
        Thread.sleep(measure.toMillis());
        long c1 = completed.get();
        long t1 = System.nanoTime();
        for (Caller caller : callers) {
            caller.running = false;
        }
        stopped.await(10, TimeUnit.SECONDS);
        if (failed.get() > 0 && completed.get() == 0) {
            throw new IllegalStateException("every request failed (" + failed.get() + ")");
        }
        return (c1 - c0) * 1e9 / (t1 - t0);
    }

    private static final class Caller {
        private final Supplier<? extends CompletionStage<?>> request;
        private final AtomicLong completed;
        private final AtomicLong failed;
        private final CountDownLatch stopped;
        private volatile boolean running = true;

        Caller(Supplier<? extends CompletionStage<?>> request, AtomicLong completed, AtomicLong failed,
               CountDownLatch stopped) {
            this.request = request;
            this.completed = completed;
            this.failed = failed;
            this.stopped = stopped;
        }

        void next() {
            if (!running) {
                stopped.countDown();
                return;
            }
            request.get().whenComplete((ok, error) -> {
                (error == null ? completed : failed).incrementAndGet();
                next();
            });
        }
    }

    private ClosedLoopLoad() {
    }
}
