package io.tradeflow.testinfra.bench;

/**
 * Brings a freshly started service JVM to the steady state a running service is in before a benchmark measures
 * it. Quarkus, Vert.x, Kafka and Jackson give C2 thousands of methods to compile, and code that runs once per
 * poll or per batch crosses the compile thresholds only after many of them: on two shared cores the compiler
 * threads still used more CPU than the service's own work a minute into the inventory benchmark. Figures taken
 * before that measure the JIT, not the service.
 */
public final class JitSettling {
    /** Below this many cores of compiler-thread CPU across one round, the JIT counts as settled. */
    static final double SETTLED_CORES = 0.1;

    /** One round of representative load. */
    public interface Round {
        void run() throws Exception;
    }

    /**
     * Runs {@code round} until the service's JIT compiler threads used less than a tenth of a core across one round,
     * or {@code maxSeconds} have passed. @return the seconds it took
     */
    public static double until(Process service, int maxSeconds, Round round) throws Exception {
        long started = System.nanoTime();
        while (true) {
            CpuShares before = CpuShares.now(service);
            long roundStarted = System.nanoTime();
            round.run();
            double jitCores = CpuShares.now(service).serviceJit().minus(before.serviceJit()).toNanos()
                    / (double) (System.nanoTime() - roundStarted);
            double elapsed = (System.nanoTime() - started) / 1e9;
            if (jitCores < SETTLED_CORES || elapsed >= maxSeconds) {
                return elapsed;
            }
        }
    }

    private JitSettling() {
    }
}
