package io.tradeflow.orders.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tradeflow.testinfra.TestTokens;

/**
 * The packaged order-orchestrator ({@code quarkus-run.jar}) as its own JVM pointed at the bench's Kafka,
 * PostgreSQL and pricing/inventory stub; it trusts the testinfra key pair so the bench can mint tokens.
 * Same approach as inventory-service's bench InventoryProcess.
 */
final class OrderProcess implements AutoCloseable {
    private final Process process;
    final Path log;
    final String baseUrl;
    double startupSeconds;

    private OrderProcess(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    static OrderProcess start(Path jar, Path workDir, Map<String, String> env) throws Exception {
        Files.createDirectories(workDir);
        Path publicKey = workDir.resolve("jwt-public.pem");
        try (InputStream pem = OrderProcess.class.getClassLoader().getResourceAsStream("testinfra-jwt-public.pem")) {
            Files.write(publicKey, pem.readAllBytes());
        }
        int port = freePort();
        Path log = workDir.resolve("order-orchestrator.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        // Tuning experiments without a rebuild, e.g. -Dtradeflow.outbox.poll-interval-ms=50
        String serviceOptions = System.getProperty("bench.service-opts", "").trim();
        if (!serviceOptions.isEmpty()) {
            command.addAll(List.of(serviceOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("JWT_PUBLIC_KEY_LOCATION", publicKey.toString());
        builder.environment().put("JWT_ISSUER", TestTokens.ISSUER);
        builder.environment().put("JWT_AUDIENCE", TestTokens.AUDIENCE);
        // The token the saga's REST clients send to pricing/inventory (the stub does not check it).
        builder.environment().put("TRADEFLOW_SERVICE_TOKEN", TestTokens.forRole("service"));
        long started = System.nanoTime();
        OrderProcess service = new OrderProcess(builder.start(), log, "http://127.0.0.1:" + port);
        service.startupSeconds = service.awaitReady(started);
        return service;
    }

    private double awaitReady(long started) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = started + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("order-orchestrator exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e9;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server is not up yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("order-orchestrator not ready after 90 s; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
