package io.tradeflow.devstack.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.json.Json;

/** Scenario 4: forty orders race for the last ten units; exactly ten are held, thirty hear "insufficient stock". */
final class LastUnitsRaceScenario implements DemoScenario {
    private static final int UNITS = 10;
    private static final int ORDERS = 40;

    @Override
    public String title() {
        return ORDERS + " concurrent orders race for the last " + UNITS + " units";
    }

    @Override
    public Outcome run(DemoContext context) throws Exception {
        String sku = "LAST-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceCalls rest = context.rest();
        ServiceCalls.Answer receipt = rest.send("inventory-service", "POST", "/api/v1/movements", "operations",
                "{\"sku\":\"" + sku + "\",\"location\":\"WH1\",\"type\":\"RECEIPT\",\"quantity\":" + UNITS + "}");
        if (!receipt.ok()) {
            return Outcome.failed("receipt refused: " + receipt.body());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Integer>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String id = "race-" + sku + "-" + i;
            orders.add(() -> rest.send("inventory-service", "POST", "/api/v1/reservations", "service",
                    "{\"reservationId\":\"" + id + "\",\"orderId\":\"" + id + "\",\"channel\":\"storefront\","
                            + "\"policy\":\"ALL_OR_NOTHING\",\"ttlSeconds\":300,\"lines\":[{\"sku\":\"" + sku
                            + "\",\"quantity\":1}]}").status());
        }
        int held = 0;
        int refused = 0;
        for (Future<Integer> answer : pool.invokeAll(orders)) {
            int status = answer.get();
            held += status == 201 ? 1 : 0;
            refused += status == 409 ? 1 : 0;
        }
        pool.shutdown();
        JsonNode availability = Json.mapper().readTree(rest.send("inventory-service", "GET",
                "/api/v1/availability/" + sku + "?channel=storefront", "storefront", null).body());
        System.out.printf("  %d held, %d refused with insufficient-stock; availability now %s reserved %s%n", held,
                refused, availability.path("available"), availability.path("reserved"));
        boolean exact = held == UNITS && refused == ORDERS - UNITS && availability.path("reserved").asInt() == UNITS;
        return exact ? Outcome.passed("exactly " + UNITS + " units held, never oversold")
                : Outcome.failed("held " + held + ", refused " + refused + ", reserved " + availability.path("reserved"));
    }
}
