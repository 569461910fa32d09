package io.tradeflow.inventory.bench;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tradeflow.testinfra.bench.CpuShares;
import io.tradeflow.testinfra.bench.TimerSums;
import io.tradeflow.contracts.events.CloudEventTypes;

import io.tradeflow.testinfra.TestTokens;

/**
 * The packaged service ({@code quarkus-run.jar}) as its own JVM, pointed at the bench's Kafka and PostgreSQL,
 * exactly as the local stack runs it; it trusts the testinfra key pair so the bench can mint tokens.
 */
final class InventoryProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    final double startupSeconds;

    private InventoryProcess(Process process, Path log, String baseUrl, double startupSeconds) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.startupSeconds = startupSeconds;
    }

    static InventoryProcess start(Path jar, Path workDir, Map<String, String> env) throws Exception {
        Files.createDirectories(workDir);
        Path publicKey = workDir.resolve("jwt-public.pem");
        try (InputStream pem = InventoryProcess.class.getClassLoader().getResourceAsStream("testinfra-jwt-public.pem")) {
            Files.write(publicKey, pem.readAllBytes());
        }
        int port = freePort();
        Path log = workDir.resolve("inventory-service.log");
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        // Tuning experiments without a rebuild, e.g. -Dmp.messaging.incoming.stock-movements.partitions=3
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
        long started = System.nanoTime();
        InventoryProcess service = new InventoryProcess(builder.start(), log, "http://127.0.0.1:" + port,
                0);
        double seconds = service.awaitReady(started);
        return new InventoryProcess(service.process, log, service.baseUrl, seconds);
    }

    /** Creates or updates a location through the operations API, as an operator would before go-live. */
    void putLocation(String id, String... channels) throws Exception {
        String body = "{\"name\":\"" + id + "\",\"channels\":[\"" + String.join("\",\"", channels)
                + "\"],\"safetyStock\":0}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/locations/" + id))
                .header("Authorization", "Bearer " + TestTokens.forRole("operations"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT location " + id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    Process process() {
        return process;
    }

    /** CPU used so far by the service (and its JIT), PostgreSQL and this JVM. */
    CpuShares cpuShares() {
        return CpuShares.now(process);
    }

    /**
     * CPU time the service process has used so far (user + system, from /proc), in milliseconds; -1 off Linux.
     * Divided by the movements of a phase it is a cost per movement that a busy machine barely distorts.
     */
    double cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 1000.0 / 100; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The service's own freshness histogram for availability events (movement occurredAt to event on Kafka) as
     * {sum in seconds, count}: the difference over a phase splits its end-to-end latency into the service's part
     * (consume, transaction, relay) and the rest (the broker and the bench's reader). {0, 0} if unavailable.
     */
    double[] availabilityFreshness() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return TimerSums.byLabel(metrics, "tradeflow_event_freshness", "type")
                    .getOrDefault(CloudEventTypes.AVAILABILITY_CHANGED, new double[2]);
        } catch (IOException | RuntimeException e) {
            return new double[2];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new double[2];
        }
    }

    private double awaitReady(long started) throws Exception {
        long deadline = started + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("inventory-service exited; see " + log);
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
        throw new IllegalStateException("inventory-service not ready after 90 s; see " + log);
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
