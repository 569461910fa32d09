package io.tradeflow.orders;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tradeflow.contracts.json.Json;

/**
 * Stands in for pricing-service and inventory-service at their HTTP boundary (both are outside this module):
 * every SKU costs 10.00 except NOPRICE-*, every reservation is held in full except for NOSTOCK-* SKUs
 * (409 insufficient-stock; SLOWHOLD-* ones are held 1.5 s late). Holds last seven days, those of SHORTHOLD-* and
 * LOSTHOLD-* SKUs an hour (so they are due for renewal); a LOSTHOLD-* hold refuses its renewal as expired. Calls are
 * recorded so tests can check commits, releases and renewals.
 */
public class PricingAndInventoryStubs implements QuarkusTestResourceLifecycleManager {
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    /** "reservation-id body" of every commit that named a shipment's lines. */
    public static final List<String> SHIPMENT_COMMITS = new CopyOnWriteArrayList<>();
    /** Holds inventory let expire (lines on EXPIRINGHOLD-* SKUs): their commit is refused with 409. */
    static final java.util.Set<String> EXPIRED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private java.util.concurrent.ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/quotes", this::quotes);
        server.createContext("/api/v1/reservations", this::reservations);
        // Without an executor the JDK server answers one request at a time on its dispatcher thread, which would
        // make the stub, not the orchestrator, the bottleneck of the benchmark.
        executor = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "pricing-inventory-stub");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.pricing.url", url, "quarkus.rest-client.inventory.url", url);
    }

    private void quotes(HttpExchange exchange) throws IOException {
        record(exchange);
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 404, "{\"type\":\"https://tradeflow.io/problems/not-found\",\"status\":404}");
            return;
        }
        JsonNode request = Json.mapper().readTree(exchange.getRequestBody());
        ObjectNode quote = Json.mapper().createObjectNode();
        quote.put("id", "Q-" + System.nanoTime());
        quote.put("currency", request.path("currency").asText("USD"));
        ArrayNode lines = quote.putArray("lines");
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : request.path("lines")) {
            ObjectNode priced = lines.addObject();
            String sku = line.path("sku").asText();
            BigDecimal quantity = new BigDecimal(line.path("quantity").asText());
            priced.put("sku", sku);
            priced.put("quantity", quantity);
            if (sku.startsWith("NOPRICE")) {
                priced.put("unpriceableReason", "UNKNOWN_SKU");
                continue;
            }
            BigDecimal extended = new BigDecimal("10.00").multiply(quantity);
            priced.put("unitPrice", new BigDecimal("10.00"));
            priced.put("extendedPrice", extended);
            priced.put("rule", "CONTRACT");
            priced.put("source", "ERP-CONTRACT-7@v3");
            total = total.add(extended);
        }
        quote.put("total", total);
        answer(exchange, 200, quote.toString());
    }

    private void reservations(HttpExchange exchange) throws IOException {
        record(exchange);
        String method = exchange.getRequestMethod();
        if ("DELETE".equals(method)) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        if (exchange.getRequestURI().getPath().endsWith("/renewal")) {
            String id = exchange.getRequestURI().getPath().split("/")[4];
            if (EXPIRED.contains(id)) {
                answer(exchange, 409, "{\"type\":\"https://tradeflow.io/problems/reservation-expired\",\"status\":409,"
                        + "\"detail\":\"Reservation " + id + " is EXPIRED; only a hold can be renewed\"}");
                return;
            }
            int ttl = Json.mapper().readTree(exchange.getRequestBody()).path("ttlSeconds").asInt();
            answer(exchange, 200, "{\"reservationId\":\"" + id + "\",\"status\":\"HELD\",\"expiresAt\":\""
                    + java.time.OffsetDateTime.now().plusSeconds(ttl) + "\"}");
            return;
        }
        if (exchange.getRequestURI().getPath().endsWith("/commit")) {
            String id = exchange.getRequestURI().getPath().split("/")[4];
            if (EXPIRED.contains(id)) {
                answer(exchange, 409, "{\"type\":\"https://tradeflow.io/problems/reservation-expired\",\"status\":409,"
                        + "\"detail\":\"reservation " + id + " expired\"}");
                return;
            }
            String shipment = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!shipment.isBlank()) {
                SHIPMENT_COMMITS.add(id + " " + shipment);
            }
            answer(exchange, 200, "{\"status\":\"COMMITTED\"}");
            return;
        }
        JsonNode request = Json.mapper().readTree(exchange.getRequestBody());
        ObjectNode outcome = Json.mapper().createObjectNode();
        outcome.put("reservationId", request.path("reservationId").asText());
        ArrayNode lines = outcome.putArray("lines");
        java.time.OffsetDateTime expiresAt = java.time.OffsetDateTime.now().plusDays(7);
        for (JsonNode line : request.path("lines")) {
            if (line.path("sku").asText().startsWith("SHORTHOLD") || line.path("sku").asText().startsWith("LOSTHOLD")) {
                expiresAt = java.time.OffsetDateTime.now().plusHours(1);
            }
            if (line.path("sku").asText().startsWith("LOSTHOLD")) {
                EXPIRED.add(request.path("reservationId").asText());
            }
            if (line.path("sku").asText().startsWith("NOSTOCK")) {
                answer(exchange, 409, "{\"type\":\"https://tradeflow.io/problems/insufficient-stock\",\"status\":409,"
                        + "\"detail\":\"" + line.path("sku").asText() + " short by " + line.path("quantity").asText()
                        + "\"}");
                return;
            }
            if (line.path("sku").asText().startsWith("EXPIRINGHOLD")) {
                EXPIRED.add(request.path("reservationId").asText());
            }
            if (line.path("sku").asText().startsWith("SLOWHOLD")) {
                // Inventory answering late (under the client's timeout): long enough for a cancel to overtake it.
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                CALLS.add("ANSWERED " + request.path("reservationId").asText());
            }
            ObjectNode held = lines.addObject();
            held.put("sku", line.path("sku").asText());
            held.put("requested", line.path("quantity").decimalValue());
            held.put("reserved", line.path("quantity").decimalValue());
            held.put("backordered", BigDecimal.ZERO);
        }
        outcome.put("expiresAt", expiresAt.toString());
        answer(exchange, 201, outcome.toString());
    }

    private static void record(HttpExchange exchange) {
        CALLS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            AUTHORIZATIONS.add(auth);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
