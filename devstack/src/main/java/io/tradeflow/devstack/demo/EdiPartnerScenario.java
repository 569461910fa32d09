package io.tradeflow.devstack.demo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.json.Json;

/**
 * Scenario 2, EDI partner order: a trading partner is onboarded, sends an X12 850 and gets its 997 at once;
 * the same interchange again is acknowledged as a duplicate, not re-ordered; when the ERP accepts the
 * order the partner pulls its 855.
 */
final class EdiPartnerScenario implements DemoScenario {
    private static final Duration STEP = Duration.ofSeconds(30);

    @Override
    public String title() {
        return "EDI partner order: X12 850 in, 997 at once, duplicate recognised, 855 when the ERP accepts";
    }

    @Override
    public Outcome run(DemoContext context) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String partnerId = "acme-" + suffix.toLowerCase();
        String sender = "ACME" + suffix;
        String customer = "C-EDI-" + suffix;
        String po = "PO-" + suffix;
        ServiceCalls rest = context.rest();
        try (ExternalSystems external = new ExternalSystems(context);
             KafkaConsumer<String, String> erpInbox = external.watch(Topics.ERP_SALES_ORDER_COMMANDS)) {
            external.erpCustomer(customer, "Acme Stores", ReservationPolicy.PARTIAL);
            ServiceCalls.Answer onboarded = rest.send("partner-gateway", "POST", "/api/v1/partners", "partner-admin",
                    Json.write(Map.of("id", partnerId, "name", "Acme Stores", "type", "EDI", "customerId", customer,
                            "x12", Map.of("senderQualifier", "ZZ", "senderId", sender, "receiverQualifier", "ZZ",
                                    "receiverId", "TRADEFLOW", "version", "004010"),
                            "acknowledgment", "997", "documentTypes", java.util.List.of("850", "997"),
                            "rateLimitPerMinute", 120)));
            if (onboarded.status() != 201) {
                return Outcome.failed("partner onboarding refused: " + onboarded.body());
            }
            String apiKey = Json.mapper().readTree(onboarded.body()).get("apiKey").asText();
            System.out.printf("  partner-admin onboarded %s (sender %s), API key shown once%n", partnerId, sender);
            if (!MasterDataArrival.customerKnown(context, customer)) {
                return Outcome.failed("the ERP's customer " + customer + " did not reach the orchestrator within 30 s");
            }

            String interchange = purchaseOrder(sender, po);
            Map<String, String> headers = Map.of("X-API-Key", apiKey, "Content-Type", "application/edi-x12");
            ServiceCalls.Answer ack = rest.sendAs("partner-gateway", "POST", "/api/v1/partners/" + partnerId
                    + "/documents", headers, interchange);
            System.out.printf("  partner  POST 850 %s -> %d%n           %s%n", po, ack.status(),
                    ack.body().replace("~", "~\n           "));
            ServiceCalls.Answer again = rest.sendAs("partner-gateway", "POST", "/api/v1/partners/" + partnerId
                    + "/documents", headers, interchange);
            System.out.printf("  partner  POST the same interchange again -> %d (acknowledged, no second order)%n",
                    again.status());
            if (ack.status() != 200 || !ack.body().contains("AK9*A")) {
                return Outcome.failed("850 not accepted: " + ack.body());
            }

            if (external.acceptSalesOrder(erpInbox, po, "SO-" + suffix, STEP) == null) {
                return Outcome.failed("the partner's order never reached the ERP");
            }
            JsonNode poAck = rest.awaitPartnerDocument(partnerId, apiKey, "855", STEP);
            if (poAck != null) {
                System.out.printf("  partner  pulled its 855:%n           %s%n", poAck.path("payload")
                        .asText(poAck.toString()).replace("~", "~\n           "));
                return Outcome.passed("850 acknowledged with a 997, duplicate recognised, 855 delivered");
            }
            return Outcome.failed("no 855 for " + po + " within " + STEP.toSeconds() + " s");
        }
    }

    private static String purchaseOrder(String sender, String po) {
        String date = java.time.LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String isa13 = String.format("%09d", Math.abs(po.hashCode()) % 1_000_000_000);
        return "ISA*00*          *00*          *ZZ*" + String.format("%-15s", sender) + "*ZZ*TRADEFLOW      *"
                + date.substring(2) + "*1230*U*00401*" + isa13 + "*0*P*>~"
                + "GS*PO*" + sender + "*TRADEFLOW*" + date + "*1230*1*X*004010~"
                + "ST*850*0001~BEG*00*SA*" + po + "**" + date + "~CUR*BY*USD~"
                + "N1*ST*Acme Store 42*92*ST-42~N3*100 Main Street~N4*Springfield*IL*62701*US~"
                + "PO1*1*2*EA*21.50*PE*VP*" + StockMovementScenario.SKU + "~PID*F****Demo widget~"
                + "CTT*1~SE*10*0001~GE*1*1~IEA*1*" + isa13 + "~";
    }
}
