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
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CreateCreditMemoCommand;
import io.tradeflow.contracts.orders.CreditMemoPosted;
import io.tradeflow.contracts.orders.ReturnReceived;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.Shipment;

/**
 * Scenario 7, return to credit: a shipped order's return is authorised (RMA), the warehouse checks the goods in and
 * restocks them, the ERP is asked for and posts the credit memo, and the CRM's customer summary shows the credit.
 */
final class ReturnToCreditScenario implements DemoScenario {
    private static final Duration STEP = Duration.ofSeconds(30);

    @Override
    public String title() {
        return "return to credit (RMA -> warehouse check-in and restock -> ERP credit memo -> customer summary)";
    }

    @Override
    public Outcome run(DemoContext context) throws Exception {
        String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = StockMovementScenario.SKU;
        try (ExternalSystems external = new ExternalSystems(context);
             KafkaConsumer<String, String> erpInbox = external.watch(Topics.ERP_SALES_ORDER_COMMANDS)) {
            external.erpCustomer(customer, "Corner Hardware", ReservationPolicy.ALL_OR_NOTHING);
            external.erpListPrice(sku);
            if (!MasterDataArrival.customerKnown(context, customer)
                    || !MasterDataArrival.pricedBy(context, sku, customer, "LIST")) {
                return Outcome.failed("the ERP's customer or list price did not reach the services within 30 s");
            }
            ServiceCalls.Answer placed = context.rest().send("order-orchestrator", "POST", "/api/v1/orders",
                    "storefront", "{\"customerId\":\"" + customer + "\",\"channel\":\"storefront\",\"lines\":[{\"sku\":\""
                            + sku + "\",\"quantity\":3}],\"requestedDate\":\"" + LocalDate.now().plusDays(2) + "\","
                            + "\"shipTo\":{\"name\":\"Corner Hardware\",\"line1\":\"2 Elm St\",\"city\":\"Springfield\","
                            + "\"postalCode\":\"62701\",\"country\":\"US\"}}");
            if (placed.status() != 202) {
                return Outcome.failed("order refused: " + placed.body());
            }
            String orderId = Json.mapper().readTree(placed.body()).get("orderId").asText();
            if (ExternalSystems.await(erpInbox, r -> orderId.equals(r.key())
                    && CloudEventTypes.CREATE_SALES_ORDER.equals(ExternalSystems.type(r)), STEP) == null) {
                return Outcome.failed("order " + orderId + " never reached the ERP");
            }
            external.publish("erp", Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                    new SalesOrderAccepted(orderId, "SO-" + orderId.substring(0, 6), OffsetDateTime.now()));
            external.publish("wms", Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED,
                    new Shipment(orderId, "SH-" + orderId.substring(0, 6), "WH1", "UPS", "1Z" + orderId.substring(0, 8),
                            List.of(new Shipment.Line(1, sku, new BigDecimal("3"), "EA")), OffsetDateTime.now()));
            if (!awaitOrder(context, orderId, o -> "SHIPPED".equals(o.path("state").asText()))) {
                return Outcome.failed("order " + orderId + " did not ship");
            }
            System.out.printf("  order    %s shipped 3 x %s%n", orderId, sku);

            ServiceCalls.Answer rma = context.rest().send("order-orchestrator", "POST", "/api/v1/returns", "crm",
                    "{\"orderId\":\"" + orderId + "\",\"reason\":\"one box damaged\",\"lines\":[{\"lineNumber\":1,"
                            + "\"quantity\":1}]}");
            System.out.printf("  crm      POST /api/v1/returns -> %d %s%n", rma.status(), rma.body());
            if (rma.status() != 201) {
                return Outcome.failed("return refused: " + rma.body());
            }
            String returnId = Json.mapper().readTree(rma.body()).get("returnId").asText();
            // The WMS restocks what it checked in (its own receipt) and tells the orchestrator what came back.
            external.publish("wms", Topics.WMS_STOCK_MOVEMENTS, sku, CloudEventTypes.STOCK_MOVEMENT,
                    new StockMovement(sku, "WH1", MovementType.RECEIPT, BigDecimal.ONE, null, null,
                            "return " + returnId, OffsetDateTime.now()));
            external.publish("wms", Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.RETURN_RECEIVED,
                    new ReturnReceived(orderId, returnId, "WH1", List.of(new ReturnReceived.Line(1, sku,
                            BigDecimal.ONE, "RESALEABLE")), OffsetDateTime.now()));
            ConsumerRecord<String, String> memo = ExternalSystems.await(erpInbox, r -> orderId.equals(r.key())
                    && CloudEventTypes.CREATE_CREDIT_MEMO.equals(ExternalSystems.type(r)), STEP);
            if (memo == null) {
                return Outcome.failed("no credit memo command reached the ERP for " + returnId);
            }
            System.out.printf("  ERP      received %s%n", memo.value());
            CreateCreditMemoCommand command = Json.read(memo.value(), CreateCreditMemoCommand.class);
            BigDecimal total = command.lines().stream().map(l -> l.unitPrice().amount().multiply(l.quantity()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            external.publish("erp", Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.CREDIT_MEMO_POSTED,
                    new CreditMemoPosted(orderId, returnId, customer, "CM-" + returnId.substring(4),
                            Money.of(total.toPlainString(), command.currency()), OffsetDateTime.now()));
            if (!awaitOrder(context, orderId, o -> "CREDITED".equals(o.path("returns").path(0).path("state").asText()))) {
                return Outcome.failed("return " + returnId + " was not credited");
            }
            JsonNode summary = Json.mapper().readTree(context.rest().send("order-orchestrator", "GET",
                    "/api/v1/customers/" + customer + "/summary", "crm", null).body());
            JsonNode credit = summary.path("returns").path(0);
            System.out.printf("  crm      customer summary: return %s %s, credit memo %s for %s%n",
                    credit.path("returnId").asText(), credit.path("state").asText(),
                    credit.path("creditMemoNumber").asText(), credit.path("creditTotal"));
            return "CREDITED".equals(credit.path("state").asText())
                    ? Outcome.passed("return " + returnId + " of order " + orderId + " restocked and credited as "
                    + credit.path("creditMemoNumber").asText())
                    : Outcome.failed("the customer summary does not show the credit: " + summary);
        }
    }

    private static boolean awaitOrder(DemoContext context, String orderId,
                                      java.util.function.Predicate<JsonNode> reached) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode order = Json.mapper().readTree(context.rest().send("order-orchestrator", "GET",
                    "/api/v1/orders/" + orderId, "crm", null).body());
            if (reached.test(order)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
