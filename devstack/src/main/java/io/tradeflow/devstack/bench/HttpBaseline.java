package io.tradeflow.devstack.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;

/**
 * A bare Vert.x HTTP endpoint returning a small JSON document, in this JVM: the ceiling any Quarkus REST
 * endpoint (which runs on Vert.x) can reach on this machine. Maximum from a closed loop over keep-alive
 * connections, then latency under an open-model fixed rate at half of it.
 */
public final class HttpBaseline implements Benchmark {
    private static final String BODY = "{\"status\":\"ok\",\"sku\":\"SKU-1\",\"available\":10}";

    @Override
    public String subject() {
        return "http";
    }

    @Override
    public List<BenchResult> run(BenchEnvironment env) throws Exception {
        int port = BenchEnvironment.freePort();
        HttpServer server = env.vertx().createHttpServer()
                .requestHandler(req -> req.response().putHeader("content-type", "application/json").end(BODY))
                .listen(port, BenchEnvironment.HOST).toCompletionStage().toCompletableFuture().join();
        int connections = env.settings().httpConnections();
        HttpClient client = env.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost(BenchEnvironment.HOST).setDefaultPort(port), new PoolOptions().setHttp1MaxSize(connections));
        try {
            Supplier<CompletionStage<?>> get = () -> client.request(HttpMethod.GET, "/baseline")
                    .compose(req -> req.send().compose(resp -> resp.body()))
                    .toCompletionStage();
            Map<String, Object> conditions = new LinkedHashMap<>();
            conditions.put("connections", connections);
            conditions.put("responseBytes", BODY.length());
            conditions.put("server", "Vert.x HttpServer, same JVM as the load generator");
            double max = ClosedLoopLoad.maxThroughput(connections, env.warmup(), env.measure(), get);
            BenchResult throughput = BenchResult.throughput(subject(), "GET small JSON, closed loop max", max, null,
                    conditions);

            LatencyRecorder latency = new LatencyRecorder();
            FixedRateLoad.runAsync(max / 2, env.warmup(), Duration.ofSeconds(5), get, latency);
            latency.reset();
            FixedRateLoad.Result result = FixedRateLoad.runAsync(max / 2, env.measure(), Duration.ofSeconds(10), get,
                    latency);
            Map<String, Object> c = new LinkedHashMap<>(conditions);
            c.put("targetRate", Math.round(max / 2));
            c.put("failed", result.failed());
            BenchResult fixed = BenchResult.latency(subject(), "GET latency at 50% of max, open model",
                    result.completedPerSecond(), latency.summary(), c);
            return List.of(throughput, fixed);
        } finally {
            client.close().toCompletionStage().toCompletableFuture().join();
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
