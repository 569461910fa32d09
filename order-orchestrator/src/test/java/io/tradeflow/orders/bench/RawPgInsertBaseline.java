package io.tradeflow.orders.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

/**
 * The raw PostgreSQL write baseline: single-row INSERT transactions (BEGIN; INSERT; COMMIT) with the Vert.x
 * reactive PG client, {@code inFlight} at a time, against the same embedded PostgreSQL the service uses.
 */
final class RawPgInsertBaseline {
    record Result(long transactions, double seconds, long errors) {
        double perSecond() {
            return transactions / seconds;
        }
    }

    static Result run(String host, int port, String database, String password, int inFlight, double warmSeconds,
                      double seconds) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(inFlight))
                .connectingTo(new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                        // As the services' pools do (platform config) and as devstack's PostgresBaseline does.
                        .setUser("postgres").setPassword(password).setCachePreparedStatements(true))
                .using(vertx).build();
        try {
            pool.query("CREATE TABLE IF NOT EXISTS bench_raw_insert (id bigserial PRIMARY KEY, k text NOT NULL, "
                    + "payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())").execute()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            phase(pool, inFlight, warmSeconds);
            return phase(pool, inFlight, seconds);
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Result phase(Pool pool, int inFlight, double seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        CompletableFuture<?>[] chains = new CompletableFuture<?>[inFlight];
        for (int i = 0; i < inFlight; i++) {
            CompletableFuture<Void> chain = new CompletableFuture<>();
            chains[i] = chain;
            next(pool, i, end, done, errors, chain);
        }
        CompletableFuture.allOf(chains).get((long) seconds + 30, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(done.get(), elapsed, errors.get());
    }

    private static void next(Pool pool, int chainNo, long end, AtomicLong done, AtomicLong errors,
                             CompletableFuture<Void> chain) {
        if (System.nanoTime() >= end) {
            chain.complete(null);
            return;
        }
        String key = "raw-" + chainNo + "-" + done.get();
        pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO bench_raw_insert (k, payload) VALUES ($1, $2)")
                        .execute(Tuple.of(key, "{\"customerId\":\"C-1\",\"sku\":\"SKU-A\",\"quantity\":3}")))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                    next(pool, chainNo, end, done, errors, chain);
                });
    }

    private RawPgInsertBaseline() {
    }
}
