package io.tradeflow.devstack.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.MilestoneStatus;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.Shipment;

/**
 * Scenario 1, storefront order to cash: the ERP publishes the customer and its prices, the storefront
 * orders, the order is priced by contract, stock is reserved, the ERP accepts, the WMS ships, the carrier
 * delivers, the ERP invoices; the order's timeline shows every step.
 */
final class OrderToCashScenario implements DemoScenario {
    private static final Duration STEP = Duration.ofSeconds(30);

    @Override
    public String title() {
        return "storefront order to cash (pricing -> inventory -> ERP -> WMS -> carrier -> invoice)";
    }

    @Override
    public Outcome run(DemoContext context) throws Exception {
        String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = StockMovementScenario.SKU;
        try (ExternalSystems external = new ExternalSystems(context);
             KafkaConsumer<String, String> erpInbox = external.watch(Topics.ERP_SALES_ORDER_COMMANDS)) {
            external.erpCustomer(customer, "Acme Hardware", ReservationPolicy.ALL_OR_NOTHING);
            external.erpListPrice(sku);
            external.erpContractPrice(customer, sku);
            System.out.printf("  ERP      published customer %s, list price 25.00 and contract price 21.50 for %s%n",
                    customer, sku);
            if (!MasterDataArrival.customerKnown(context, customer)
                    || !MasterDataArrival.pricedBy(context, sku, customer, "CONTRACT")) {
                return Outcome.failed("the ERP's customer or contract price did not reach the services within 30 s");
            }

            ServiceCalls.Answer placed = context.rest().send("order-orchestrator", "POST", "/api/v1/orders",
                    "storefront", order(customer, sku));
            System.out.printf("  storefront POST /api/v1/orders -> %d %s%n", placed.status(), placed.body());
            if (placed.status() != 202) {
                return Outcome.failed("order refused: " + placed.body());
            }
            String orderId = Json.mapper().readTree(placed.body()).get("orderId").asText();

            ConsumerRecord<String, String> create = ExternalSystems.await(erpInbox,
                    r -> orderId.equals(r.key()) && CloudEventTypes.CREATE_SALES_ORDER.equals(ExternalSystems.type(r)),
                    STEP);
            if (create == null) {
                return Outcome.failed("no create-sales-order command reached the ERP; order is "
                        + state(context, orderId).path("state").asText() + " " + state(context, orderId).path("stuckReason"));
            }
            System.out.printf("  ERP      received %s%n", create.value());
            external.publish("erp", Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                    new SalesOrderAccepted(orderId, "SO-" + orderId.substring(0, 6), OffsetDateTime.now()));
            awaitState(context, orderId, "CONFIRMED");
            external.publish("wms", Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED,
                    new Shipment(orderId, "SH-" + orderId.substring(0, 6), "WH1", "UPS", "1Z" + orderId.substring(0, 8),
                            List.of(new Shipment.Line(1, sku, new BigDecimal("2"), "EA")), OffsetDateTime.now()));
            awaitState(context, orderId, "SHIPPED");
            external.publish("carrier", Topics.CARRIER_MILESTONES, orderId, CloudEventTypes.CARRIER_MILESTONE,
                    new CarrierMilestone(orderId, "SH-" + orderId.substring(0, 6), "UPS", "1Z" + orderId.substring(0, 8),
                            MilestoneStatus.DELIVERED, "left at dock 3", OffsetDateTime.now()));
            awaitState(context, orderId, "DELIVERED");
            external.publish("erp", Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.INVOICE_POSTED,
                    new InvoicePosted(orderId, "SO-" + orderId.substring(0, 6), "INV-" + orderId.substring(0, 6),
                            LocalDate.now(), LocalDate.now().plusDays(30), Money.of("43.00", "USD"),
                            Money.of("0", "USD"), Money.of("43.00", "USD"), List.of(), OffsetDateTime.now()));
            JsonNode done = awaitState(context, orderId, "COMPLETED");
            System.out.println("  timeline:");
            done.path("timeline").forEach(t -> System.out.printf("    %-26s %-12s %s%n", t.path("at").asText(
                    t.path("time").asText()), t.path("state").asText(), t.path("cause").asText()));
            JsonNode line = done.path("lines").path(0);
            if (!"COMPLETED".equals(done.path("state").asText())) {
                return Outcome.failed("order " + orderId + " ended " + done.path("state").asText());
            }
            return Outcome.passed("order " + orderId + " COMPLETED, priced " + line.path("unitPrice")
                    + " by " + line.path("priceRule").asText() + " (" + line.path("priceSource").asText() + ")");
        }
    }

    private static JsonNode awaitState(DemoContext context, String orderId, String state) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        JsonNode order = null;
        while (System.nanoTime() < deadline) {
            order = state(context, orderId);
            if (state.equals(order.path("state").asText())) {
                System.out.printf("  order    %s is %s%n", orderId, state);
                return order;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("order " + orderId + " did not reach " + state + ": " + order);
    }

    private static JsonNode state(DemoContext context, String orderId) throws Exception {
        return Json.mapper().readTree(context.rest().send("order-orchestrator", "GET", "/api/v1/orders/" + orderId,
                "storefront", null).body());
    }

    private static String order(String customer, String sku) {
        return "{\"customerId\":\"" + customer + "\",\"channel\":\"storefront\",\"customerPoNumber\":\"PO-DEMO-1\","
                + "\"requestedDate\":\"" + LocalDate.now().plusDays(3) + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":2}],\"shipTo\":{\"name\":\"Acme Receiving\",\"line1\":\"1 Main St\","
                + "\"city\":\"Springfield\",\"region\":\"IL\",\"postalCode\":\"62701\",\"country\":\"US\"}}";
    }
}
