package io.tradeflow.devstack.demo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.json.Json;

/**
 * Scenario 2 for a marketplace that sends JSON instead of X12: operations open the main warehouse to the marketplace
 * channel (its availability is republished), the marketplace sends an order and gets a JSON acknowledgment at once,
 * the same order again is recognised, and when the ERP accepts it the marketplace pulls a JSON acknowledgment that
 * says what became of each line and flags the price the ERP changed.
 */
final class MarketplaceOrderScenario implements DemoScenario {
    private static final Duration STEP = Duration.ofSeconds(30);

    @Override
    public String title() {
        return "Marketplace order: JSON in, acknowledged at once, duplicate recognised, JSON 855 when the ERP accepts, "
                + "answered by the marketplace";
    }

    @Override
    public Outcome run(DemoContext context) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String partnerId = "shopmart-" + suffix.toLowerCase();
        String customer = "C-MKT-" + suffix;
        String orderNumber = "MKT-" + suffix;
        ServiceCalls rest = context.rest();
        try (ExternalSystems external = new ExternalSystems(context);
             KafkaConsumer<String, String> erpInbox = external.watch(Topics.ERP_SALES_ORDER_COMMANDS);
             KafkaConsumer<String, String> availability = external.watch(Topics.INVENTORY_AVAILABILITY)) {
            ServiceCalls.Answer opened = rest.send("inventory-service", "PUT", "/api/v1/locations/WH1", "operations",
                    "{\"name\":\"Main warehouse\",\"channels\":[\"storefront\",\"crm\",\"partner\",\"marketplace\"]}");
            if (!opened.ok()) {
                return Outcome.failed("inventory-service refused the location: " + opened.body());
            }
            ConsumerRecord<String, String> republished = ExternalSystems.await(availability,
                    r -> StockMovementScenario.SKU.equals(r.key()) && r.value().contains("\"marketplace\""), STEP);
            System.out.printf("  operations opened WH1 to the marketplace channel -> %d; %s%n", opened.status(),
                    republished == null ? "no availability republished"
                            : StockMovementScenario.SKU + " republished: " + republished.value());

            external.erpCustomer(customer, "ShopMart", ReservationPolicy.PARTIAL);
            ServiceCalls.Answer onboarded = rest.send("partner-gateway", "POST", "/api/v1/partners", "partner-admin",
                    Json.write(Map.of("id", partnerId, "name", "ShopMart", "type", "MARKETPLACE", "customerId",
                            customer, "acknowledgment", "JSON", "documentTypes", java.util.List.of("JSON_ORDER"),
                            "rateLimitPerMinute", 120)));
            if (onboarded.status() != 201) {
                return Outcome.failed("partner onboarding refused: " + onboarded.body());
            }
            String apiKey = Json.mapper().readTree(onboarded.body()).get("apiKey").asText();
            System.out.printf("  partner-admin onboarded marketplace %s, API key shown once%n", partnerId);
            if (!MasterDataArrival.customerKnown(context, customer)) {
                return Outcome.failed("the ERP's customer " + customer + " did not reach the orchestrator within 30 s");
            }

            // The marketplace sells at 20.00; the ERP's rules decide what the distributor charges.
            String order = "{\"orderNumber\":\"" + orderNumber + "\",\"currency\":\"USD\",\"shipTo\":{\"name\":"
                    + "\"Jane Buyer\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"region\":\"TX\",\"postalCode\":"
                    + "\"78701\",\"country\":\"US\"},\"lines\":[{\"sku\":\"" + StockMovementScenario.SKU
                    + "\",\"quantity\":2,\"unitPrice\":20.00}]}";
            Map<String, String> headers = Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
            String documents = "/api/v1/partners/" + partnerId + "/documents";
            ServiceCalls.Answer ack = rest.sendAs("partner-gateway", "POST", documents, headers, order);
            ServiceCalls.Answer again = rest.sendAs("partner-gateway", "POST", documents, headers, order);
            System.out.printf("  partner  POST order %s -> %d %s%n  partner  POST it again -> %d %s%n", orderNumber,
                    ack.status(), ack.body(), again.status(), again.body());
            if (ack.status() != 200 || !ack.body().contains("\"ACCEPTED\"")) {
                return Outcome.failed("marketplace order not accepted: " + ack.body());
            }
            if (!again.body().contains("\"DUPLICATE\"")) {
                return Outcome.failed("the same order again was not recognised: " + again.body());
            }

            if (external.acceptSalesOrder(erpInbox, orderNumber, "SO-" + suffix, STEP) == null) {
                return Outcome.failed("the marketplace's order never reached the ERP");
            }
            JsonNode poAck = rest.awaitPartnerDocument(partnerId, apiKey, "855", STEP);
            if (poAck != null) {
                JsonNode update = Json.mapper().readTree(poAck.path("payload").asText());
                System.out.printf("  partner  pulled its JSON 855 (%s):%n           %s%n",
                        poAck.path("mediaType").asText(), update);
                if (!"ACCEPTED_WITH_CHANGES".equals(update.path("status").asText())
                        || !update.path("lines").path(0).path("priceChanged").asBoolean()) {
                    return Outcome.failed("the 855 does not flag the ERP's price against the marketplace's 20.00: "
                            + update);
                }
                // The marketplace answers our 855 as an EDI partner would with a 997.
                ServiceCalls.Answer answered = rest.sendAs("partner-gateway", "POST", documents + "/"
                        + poAck.path("messageId").asText() + "/acknowledgment", headers, "{\"status\":\"ACCEPTED\"}");
                String settled = answered.ok()
                        ? Json.mapper().readTree(answered.body()).path("acknowledgmentStatus").asText() : null;
                System.out.printf("  partner  acknowledged the 855 (it was %s) -> %d %s%n",
                        poAck.path("acknowledgmentStatus").asText(), answered.status(),
                        settled != null ? settled : answered.body());
                if (!"ACKNOWLEDGED".equals(settled)) {
                    return Outcome.failed("the marketplace's acknowledgment of the 855 was not matched: "
                            + answered.body());
                }
                return Outcome.passed("JSON order acknowledged, duplicate recognised, JSON 855 with the price change "
                        + "flagged and acknowledged by the marketplace");
            }
            return Outcome.failed("no 855 for " + orderNumber + " within " + STEP.toSeconds() + " s");
        }
    }
}
