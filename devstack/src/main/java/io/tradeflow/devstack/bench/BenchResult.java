package io.tradeflow.devstack.bench;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a benchmark report. Throughput lines leave latency empty and vice versa; {@code conditions}
 * says what was measured under (record size, pool size, rate...) so numbers are never quoted bare.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(String subject, String measurement, Double opsPerSecond, Double mbPerSecond,
                          Double p50Ms, Double p99Ms, Double p999Ms, Double maxMs, Long samples,
                          Map<String, Object> conditions) {

    public static BenchResult throughput(String subject, String measurement, double opsPerSecond, Double mbPerSecond,
                                         Map<String, Object> conditions) {
        return new BenchResult(subject, measurement, opsPerSecond, mbPerSecond, null, null, null, null, null, conditions);
    }

    public static BenchResult latency(String subject, String measurement, double achievedOpsPerSecond,
                                      LatencyRecorder.Summary latency, Map<String, Object> conditions) {
        return new BenchResult(subject, measurement, achievedOpsPerSecond, null, latency.p50Ms(), latency.p99Ms(),
                latency.p999Ms(), latency.maxMs(), latency.count(), conditions);
    }
}
