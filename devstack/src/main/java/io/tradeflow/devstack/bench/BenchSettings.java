package io.tradeflow.devstack.bench;

import java.time.Duration;

/**
 * Knobs of a benchmark run, from command-line options. Defaults keep the whole baseline run under a
 * minute on a 2-core machine while each measurement still spans several seconds.
 *
 * @param recordSize Kafka record size in bytes
 * @param measure    length of each measured phase
 * @param warmup     length of the unmeasured phase before it (JIT, connection pools, page cache)
 * @param pgPool     PostgreSQL connections in the reactive pool
 * @param httpConnections concurrent HTTP connections for the closed-loop maximum
 */
public record BenchSettings(int recordSize, Duration measure, Duration warmup, int pgPool, int httpConnections) {

    /** Plain numbers for the JSON report. */
    public java.util.Map<String, Object> asMap() {
        return java.util.Map.of("recordSize", recordSize, "measureSeconds", measure.toSeconds(),
                "warmupSeconds", warmup.toSeconds(), "pgPool", pgPool, "httpConnections", httpConnections);
    }

    public static BenchSettings parse(String[] args) {
        int recordSize = 1024;
        int seconds = 5;
        int warmup = 1;
        int pgPool = 8;
        int httpConnections = 32;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--record-size" -> recordSize = value;
                case "--seconds" -> seconds = value;
                case "--warmup" -> warmup = value;
                case "--pg-pool" -> pgPool = value;
                case "--http-connections" -> httpConnections = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --record-size BYTES --seconds N --warmup N --pg-pool N --http-connections N");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        }
        return new BenchSettings(recordSize, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup), pgPool,
                httpConnections);
    }
}
