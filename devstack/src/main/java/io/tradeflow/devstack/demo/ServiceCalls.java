package io.tradeflow.devstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.json.Json;

import io.tradeflow.devstack.stack.DevTokens;
import io.tradeflow.devstack.stack.ServiceSpec;

/** REST calls a channel app or operator would make, each with a dev token for its role. */
public final class ServiceCalls {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoContext context;

    ServiceCalls(DemoContext context) {
        this.context = context;
    }

    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A call with the caller's own headers (a partner's API key, an X12 body) instead of a role token. */
    public Answer sendAs(String service, String method, String path, java.util.Map<String, String> headers,
                         String body) throws IOException {
        ServiceSpec spec = context.services().stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service not running: " + service));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(spec.baseUrl() + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public Answer send(String service, String method, String path, String role, String json) throws IOException {
        ServiceSpec spec = context.services().stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service not running: " + service));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(spec.baseUrl() + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + context.tokens().mint("demo-" + role, role,
                        DevTokens.USER_TOKEN_LIFETIME))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The first outbound document of {@code documentType} the partner pulls (with its API key) within {@code wait},
     * or null.
     */
    public JsonNode awaitPartnerDocument(String partnerId, String apiKey, String documentType, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Answer outbound = sendAs("partner-gateway", "GET", "/api/v1/partners/" + partnerId
                    + "/documents?direction=outbound", Map.of("X-API-Key", apiKey), null);
            for (JsonNode document : Json.mapper().readTree(outbound.body())) {
                if (documentType.equals(document.path("documentType").asText())) {
                    return document;
                }
            }
            Thread.sleep(300);
        }
        return null;
    }
}
