package io.tradeflow.devstack.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.json.Json;

/**
 * Scenario 8, lead to order: a rep's won opportunity, quoted at last month's price, becomes an order on the crm
 * channel; pricing re-prices it against the ERP contract and the line whose price moved is flagged.
 */
final class LeadToOrderScenario implements DemoScenario {
    private static final long STEP_MILLIS = 30_000;

    @Override
    public String title() {
        return "lead to order (CRM won opportunity -> order re-priced by the ERP, moved price flagged)";
    }

    @Override
    public Outcome run(DemoContext context) throws Exception {
        String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = StockMovementScenario.SKU;
        String opportunity = "OPP-" + UUID.randomUUID().toString().substring(0, 8);
        try (ExternalSystems external = new ExternalSystems(context)) {
            external.erpCustomer(customer, "Bolt Supply", ReservationPolicy.ALL_OR_NOTHING);
            external.erpContractPrice(customer, sku);
            if (!MasterDataArrival.customerKnown(context, customer)
                    || !MasterDataArrival.pricedBy(context, sku, customer, "CONTRACT")) {
                return Outcome.failed("the ERP's customer or contract price did not reach the services within 30 s");
            }
            external.publish("crm", Topics.CRM_OPPORTUNITIES, opportunity, CloudEventTypes.CRM_OPPORTUNITY_WON,
                    new OpportunityWon(opportunity, customer, "rep.jones", null, "USD", "PO-" + opportunity,
                            LocalDate.now().plusDays(5), new Address("Bolt Receiving", "9 Dock Rd", null,
                            "Springfield", "IL", "62701", "US"), List.of(new OpportunityWon.Line(1, sku,
                            new BigDecimal("1"), "EA", Money.of("20.00", "USD"))), OffsetDateTime.now()));
            System.out.printf("  CRM      won opportunity %s for %s: 1 x %s quoted at 20.00 (the contract is now 21.50)%n",
                    opportunity, customer, sku);
            JsonNode order = awaitPriced(context, customer);
            if (order == null) {
                return Outcome.failed("no priced crm order for opportunity " + opportunity + " within 30 s");
            }
            JsonNode line = order.path("lines").path(0);
            System.out.printf("  order    %s on channel %s is %s; line 1 priced %s by %s, flag: %s%n",
                    order.path("orderId").asText(), order.path("channel").asText(), order.path("state").asText(),
                    line.path("unitPrice").asText(), line.path("priceRule").asText(), line.path("priceFlag").asText());
            if (line.path("priceFlag").isMissingNode() || line.path("priceFlag").isNull()) {
                return Outcome.failed("the moved price was used without a flag");
            }
            return Outcome.passed("opportunity " + opportunity + " became order " + order.path("orderId").asText()
                    + " priced " + line.path("unitPrice").asText() + " (" + line.path("priceFlag").asText() + ")");
        }
    }

    /** The customer's one order once pricing has written its lines. */
    private static JsonNode awaitPriced(DemoContext context, String customer) throws Exception {
        long deadline = System.currentTimeMillis() + STEP_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            JsonNode page = Json.mapper().readTree(context.rest().send("order-orchestrator", "GET",
                    "/api/v1/orders?customerId=" + customer, "crm", null).body());
            JsonNode first = page.path("items").path(0);
            if (!first.isMissingNode()) {
                JsonNode order = Json.mapper().readTree(context.rest().send("order-orchestrator", "GET",
                        "/api/v1/orders/" + first.path("orderId").asText(), "crm", null).body());
                if (!order.path("lines").path(0).path("unitPrice").isMissingNode()
                        && !order.path("lines").path(0).path("unitPrice").isNull()) {
                    return order;
                }
            }
            Thread.sleep(200);
        }
        return null;
    }
}
