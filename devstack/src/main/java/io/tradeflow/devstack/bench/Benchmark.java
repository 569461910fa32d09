package io.tradeflow.devstack.bench;

import java.util.List;

/**
 * A subject measured in the benchmark run. The baselines (raw Kafka, PostgreSQL, HTTP) implement it; later
 * benchmarks (quotes, movements, orders, EDI) implement it too and run in the same JVM, on the same
 * servers and machine, so their figures can be stated as ratios to the baselines.
 */
public interface Benchmark {

    String subject();

    List<BenchResult> run(BenchEnvironment environment) throws Exception;
}
