package io.tradeflow.gateway.bench;

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
 * The packaged partner-gateway ({@code quarkus-run.jar}) as its own JVM, pointed at the bench's Kafka and
 * PostgreSQL and trusting the testinfra key pair so the bench can mint partner-admin tokens.
 */
final class GatewayProcess implements AutoCloseable {
    final Process process;
    final Path log;
    final String baseUrl;
    double startupSeconds;
    private final HttpClient http = HttpClient.newHttpClient();

    private GatewayProcess(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    static GatewayProcess start(Path jar, Path workDir, Map<String, String> env) throws Exception {
        Files.createDirectories(workDir);
        Path publicKey = workDir.resolve("jwt-public.pem");
        try (InputStream pem = GatewayProcess.class.getClassLoader().getResourceAsStream("testinfra-jwt-public.pem")) {
            Files.write(publicKey, pem.readAllBytes());
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = workDir.resolve("partner-gateway.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        String serviceOptions = System.getProperty("bench.service-opts", "").trim();
        if (!serviceOptions.isEmpty()) {
            command.addAll(List.of(serviceOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("JWT_PUBLIC_KEY_LOCATION", publicKey.toString());
        builder.environment().put("JWT_ISSUER", TestTokens.ISSUER);
        builder.environment().put("JWT_AUDIENCE", TestTokens.AUDIENCE);
        long started = System.nanoTime();
        GatewayProcess gateway = new GatewayProcess(builder.start(), log, "http://127.0.0.1:" + port);
        try {
            gateway.startupSeconds = gateway.awaitReady(started);
        } catch (Exception | Error notReady) {
            gateway.close(); // never leave a gateway behind that outlives the bench's Kafka and PostgreSQL
            throw notReady;
        }
        return gateway;
    }

    /** Onboards an X12 partner answered with 997s; returns its API key. */
    String onboard(String id, String sender, int rateLimitPerMinute) throws Exception {
        String body = "{\"id\":\"" + id + "\",\"name\":\"Bench " + id + "\",\"type\":\"EDI\",\"customerId\":\"C-" + id
                + "\",\"x12\":{\"senderQualifier\":\"ZZ\",\"senderId\":\"" + sender
                + "\",\"receiverQualifier\":\"ZZ\",\"receiverId\":\"TRADEFLOW\",\"version\":\"004010\"},"
                + "\"acknowledgment\":\"997\",\"documentTypes\":[\"850\",\"997\"],\"rateLimitPerMinute\":"
                + rateLimitPerMinute + "}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/partners"))
                .header("Authorization", "Bearer " + TestTokens.forRole("partner-admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("onboarding " + id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(response.body());
        if (!key.find()) {
            throw new IllegalStateException("no apiKey in " + response.body());
        }
        return key.group(1);
    }

    private double awaitReady(long started) throws Exception {
        long deadline = started + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("partner-gateway exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e9;
                }
            } catch (IOException notListeningYet) {
                // not up yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("partner-gateway not ready after 180 s; see " + log);
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
}
