package io.tradeflow.orders;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tradeflow.contracts.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Stands in for pricing-service and inventory-service at their HTTP boundary (both are outside this module):
 * every SKU costs 10.00 except NOPRICE-*, every reservation is held in full except for NOSTOCK-* SKUs
 * (409 insufficient-stock; SLOWHOLD-* ones are held 1.5 s late). Holds last seven days, those of SHORTHOLD-* and
 * LOSTHOLD-* SKUs an hour (so they are due for renewal); a LOSTHOLD-* hold refuses its renewal as expired. Calls are
 * recorded so tests can check commits, releases and renewals.
 * <p>
 * A Vert.x server on one event loop: the order benchmark runs this stub beside the orchestrator on two cores, and
 * the JDK's com.sun.net.httpserver spent more CPU parsing request headers than the orchestrator spent on its calls.
 * The records are lock-free queues and sets: a copy-on-write list copied every call recorded so far on each call.
 */
public class PricingAndInventoryStubs implements QuarkusTestResourceLifecycleManager {
    public static final Collection<String> CALLS = new ConcurrentLinkedQueue<>();
    /** Every distinct Authorization header presented (the service presents one token, so this stays small). */
    public static final Set<String> AUTHORIZATIONS = ConcurrentHashMap.newKeySet();
    /** "reservation-id body" of every commit that named a shipment's lines. */
    public static final Collection<String> SHIPMENT_COMMITS = new ConcurrentLinkedQueue<>();
    /** Holds inventory let expire (lines on EXPIRINGHOLD-* SKUs): their commit is refused with 409. */
    static final Set<String> EXPIRED = ConcurrentHashMap.newKeySet();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(body -> handle(request, body))
                .onFailure(failure -> request.response().setStatusCode(400).end()));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the pricing and inventory stub did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of("quarkus.rest-client.pricing.url", url, "quarkus.rest-client.inventory.url", url);
    }

    private void handle(HttpServerRequest request, Buffer body) {
        record(request);
        String path = request.path();
        try {
            if (path.startsWith("/api/v1/quotes")) {
                quotes(request, body);
            } else if (path.startsWith("/api/v1/reservations")) {
                reservations(request, body);
            } else {
                answer(request, 404, "{\"type\":\"https://tradeflow.io/problems/not-found\",\"status\":404}");
            }
        } catch (Exception e) {
            answer(request, 500, Json.mapper().createObjectNode().put("status", 500).put("detail", "stub failed: " + e)
                    .toString());
        }
    }

    private void quotes(HttpServerRequest exchange, Buffer body) throws Exception {
        if (exchange.method() != HttpMethod.POST) {
            answer(exchange, 404, "{\"type\":\"https://tradeflow.io/problems/not-found\",\"status\":404}");
            return;
        }
        JsonNode request = Json.mapper().readTree(body.getBytes());
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

    private void reservations(HttpServerRequest exchange, Buffer body) throws Exception {
        String path = exchange.path();
        if (exchange.method() == HttpMethod.DELETE) {
            exchange.response().setStatusCode(204).end();
            return;
        }
        if (path.endsWith("/renewal")) {
            String id = path.split("/")[4];
            if (EXPIRED.contains(id)) {
                answer(exchange, 409, "{\"type\":\"https://tradeflow.io/problems/reservation-expired\",\"status\":409,"
                        + "\"detail\":\"Reservation " + id + " is EXPIRED; only a hold can be renewed\"}");
                return;
            }
            int ttl = Json.mapper().readTree(body.getBytes()).path("ttlSeconds").asInt();
            answer(exchange, 200, "{\"reservationId\":\"" + id + "\",\"status\":\"HELD\",\"expiresAt\":\""
                    + java.time.OffsetDateTime.now().plusSeconds(ttl) + "\"}");
            return;
        }
        if (path.endsWith("/commit")) {
            String id = path.split("/")[4];
            if (EXPIRED.contains(id)) {
                answer(exchange, 409, "{\"type\":\"https://tradeflow.io/problems/reservation-expired\",\"status\":409,"
                        + "\"detail\":\"reservation " + id + " expired\"}");
                return;
            }
            String shipment = body.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (!shipment.isBlank()) {
                SHIPMENT_COMMITS.add(id + " " + shipment);
            }
            answer(exchange, 200, "{\"status\":\"COMMITTED\"}");
            return;
        }
        JsonNode request = Json.mapper().readTree(body.getBytes());
        String reservationId = request.path("reservationId").asText();
        ObjectNode outcome = Json.mapper().createObjectNode();
        outcome.put("reservationId", reservationId);
        ArrayNode lines = outcome.putArray("lines");
        java.time.OffsetDateTime expiresAt = java.time.OffsetDateTime.now().plusDays(7);
        boolean slow = false;
        for (JsonNode line : request.path("lines")) {
            String sku = line.path("sku").asText();
            if (sku.startsWith("SHORTHOLD") || sku.startsWith("LOSTHOLD")) {
                expiresAt = java.time.OffsetDateTime.now().plusHours(1);
            }
            if (sku.startsWith("LOSTHOLD") || sku.startsWith("EXPIRINGHOLD")) {
                EXPIRED.add(reservationId);
            }
            if (sku.startsWith("NOSTOCK")) {
                answer(exchange, 409, "{\"type\":\"https://tradeflow.io/problems/insufficient-stock\",\"status\":409,"
                        + "\"detail\":\"" + sku + " short by " + line.path("quantity").asText() + "\"}");
                return;
            }
            slow |= sku.startsWith("SLOWHOLD");
            ObjectNode held = lines.addObject();
            held.put("sku", sku);
            held.put("requested", line.path("quantity").decimalValue());
            held.put("reserved", line.path("quantity").decimalValue());
            held.put("backordered", BigDecimal.ZERO);
        }
        outcome.put("expiresAt", expiresAt.toString());
        if (slow) {
            // Inventory answering late (under the client's timeout): long enough for a cancel to overtake it. A timer,
            // not a sleep, so the cancel's own call is answered meanwhile on this one event loop.
            vertx.setTimer(1500, timer -> {
                CALLS.add("ANSWERED " + reservationId);
                answer(exchange, 201, outcome.toString());
            });
            return;
        }
        answer(exchange, 201, outcome.toString());
    }

    private static void record(HttpServerRequest exchange) {
        CALLS.add(exchange.method().name() + " " + exchange.path());
        String auth = exchange.getHeader("Authorization");
        if (auth != null) {
            AUTHORIZATIONS.add(auth);
        }
    }

    private static void answer(HttpServerRequest exchange, int status, String body) {
        exchange.response().setStatusCode(status)
                .putHeader("Content-Type", status >= 400 ? "application/problem+json" : "application/json")
                .end(body);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
