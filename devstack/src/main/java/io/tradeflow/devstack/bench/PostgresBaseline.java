package io.tradeflow.devstack.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

/**
 * Raw PostgreSQL writes through the same reactive client the services use: one transaction per
 * single-row INSERT (BEGIN, INSERT, COMMIT), maximum rate from a closed loop, latency at half of it.
 */
public final class PostgresBaseline implements Benchmark {
    private static final String PAYLOAD = "x".repeat(200);

    @Override
    public String subject() {
        return "postgres";
    }

    @Override
    public List<BenchResult> run(BenchEnvironment env) throws Exception {
        env.postgres().createDatabases(List.of("bench"));
        int poolSize = env.settings().pgPool();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize))
                .connectingTo(new PgConnectOptions().setHost(BenchEnvironment.HOST).setPort(env.postgres().port())
                        .setDatabase("bench").setUser("postgres").setPassword("postgres").setCachePreparedStatements(true))
                .using(env.vertx())
                .build();
        try {
            await(pool.query("CREATE TABLE IF NOT EXISTS bench_write (id bigserial PRIMARY KEY, payload text NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now())").execute().toCompletionStage());
            Supplier<CompletionStage<?>> insert = () -> pool.withTransaction(c -> c
                            .preparedQuery("INSERT INTO bench_write (payload) VALUES ($1)")
                            .execute(Tuple.of(PAYLOAD)))
                    .toCompletionStage();
            Map<String, Object> conditions = new LinkedHashMap<>();
            conditions.put("poolSize", poolSize);
            conditions.put("rowBytes", PAYLOAD.length());
            conditions.put("fsync", env.postgres().setting("fsync"));
            conditions.put("synchronous_commit", env.postgres().setting("synchronous_commit"));
            conditions.put("server", "PostgreSQL " + env.postgres().setting("server_version") + " (zonky embedded)");
            // Twice the pool so a connection never idles while its caller handles the previous result.
            double max = ClosedLoopLoad.maxThroughput(poolSize * 2, env.warmup(), env.measure(), insert);
            BenchResult throughput = BenchResult.throughput(subject(), "write tx/s, 1 INSERT per tx, closed loop",
                    max, null, conditions);

            LatencyRecorder latency = new LatencyRecorder();
            FixedRateLoad.runAsync(max / 2, env.warmup(), Duration.ofSeconds(5), insert, latency);
            latency.reset();
            FixedRateLoad.Result result = FixedRateLoad.runAsync(max / 2, env.measure(), Duration.ofSeconds(10),
                    insert, latency);
            Map<String, Object> c = new LinkedHashMap<>(conditions);
            c.put("targetRate", Math.round(max / 2));
            c.put("failed", result.failed());
            BenchResult fixed = BenchResult.latency(subject(), "write tx latency at 50% of max",
                    result.completedPerSecond(), latency.summary(), c);
            return List.of(throughput, fixed);
        } finally {
            await(pool.close().toCompletionStage());
        }
    }

    private static void await(CompletionStage<?> stage) {
        stage.toCompletableFuture().join();
    }
}
