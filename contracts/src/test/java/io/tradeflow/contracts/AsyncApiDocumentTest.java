package io.tradeflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.CrmAccount;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.contracts.inventory.InventorySnapshot;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CancelSalesOrderCommand;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.CreateCreditMemoCommand;
import io.tradeflow.contracts.orders.CreateSalesOrderCommand;
import io.tradeflow.contracts.orders.CreditMemoPosted;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.SalesOrderRejected;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.contracts.partners.PartnerRef;
import io.tradeflow.contracts.pricing.AppliedPromotion;
import io.tradeflow.contracts.pricing.ContractPrice;
import io.tradeflow.contracts.pricing.ListPrice;
import io.tradeflow.contracts.pricing.PriceChanged;
import io.tradeflow.contracts.pricing.PriceSource;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.contracts.pricing.QuantityRule;
import io.tradeflow.contracts.pricing.TierPrice;
import io.tradeflow.contracts.pricing.VolumeBreak;

/** Catches drift between docs/asyncapi.yaml and the Java contracts (the CLI validator only checks the document). */
class AsyncApiDocumentTest {
    static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    /** Component schema name → the record it documents. */
    static final Map<String, Class<? extends Record>> SCHEMAS = Map.ofEntries(
            Map.entry("Money", Money.class), Map.entry("Address", Address.class),
            Map.entry("PartnerRef", PartnerRef.class), Map.entry("PriceSource", PriceSource.class),
            Map.entry("AppliedPromotion", AppliedPromotion.class),
            Map.entry("StockMovement", StockMovement.class), Map.entry("InventorySnapshot", InventorySnapshot.class),
            Map.entry("AvailabilityChanged", AvailabilityChanged.class),
            Map.entry("ListPrice", ListPrice.class), Map.entry("ContractPrice", ContractPrice.class),
            Map.entry("TierPrice", TierPrice.class), Map.entry("VolumeBreak", VolumeBreak.class),
            Map.entry("Promotion", Promotion.class), Map.entry("QuantityRule", QuantityRule.class),
            Map.entry("PriceChanged", PriceChanged.class), Map.entry("CrmAccount", CrmAccount.class),
            Map.entry("ErpCustomer", ErpCustomer.class), Map.entry("OpportunityWon", OpportunityWon.class),
            Map.entry("OrderLine", OrderLine.class), Map.entry("CanonicalOrder", CanonicalOrder.class),
            Map.entry("ShipmentLine", Shipment.Line.class), Map.entry("Shipment", Shipment.class),
            Map.entry("ReturnReceivedLine", io.tradeflow.contracts.orders.ReturnReceived.Line.class),
            Map.entry("ReturnReceived", io.tradeflow.contracts.orders.ReturnReceived.class),
            Map.entry("InvoiceLine", InvoicePosted.Line.class), Map.entry("InvoicePosted", InvoicePosted.class),
            Map.entry("LifecycleLine", LifecycleLine.class),
            Map.entry("OrderLifecycleChanged", OrderLifecycleChanged.class),
            Map.entry("CreateSalesOrderCommand", CreateSalesOrderCommand.class),
            Map.entry("CancelSalesOrderCommand", CancelSalesOrderCommand.class),
            Map.entry("CreateCreditMemoCommand", CreateCreditMemoCommand.class),
            Map.entry("SalesOrderAccepted", SalesOrderAccepted.class),
            Map.entry("SalesOrderRejected", SalesOrderRejected.class),
            Map.entry("CreditMemoPosted", CreditMemoPosted.class),
            Map.entry("CarrierMilestone", CarrierMilestone.class));

    static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        doc = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    @Test
    void describesEveryTopicAndItsDeadLetterTopic() {
        Set<String> addresses = new HashSet<>();
        doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));

        for (String topic : Topics.ALL) {
            assertThat(addresses).as("channels").contains(topic, Topics.dlq(topic));
        }
        Set<String> expected = new HashSet<>(Topics.ALL);
        Topics.ALL.forEach(t -> expected.add(Topics.dlq(t)));
        assertThat(addresses).as("channels not in Topics.ALL").isSubsetOf(expected);
    }

    @Test
    void everyTopicHasAnOperationFromTheSuitesPointOfView() {
        Map<String, Set<String>> actionsByAddress = new HashMap<>();
        doc.get("operations").forEach(op -> {
            String ref = op.get("channel").get("$ref").asText();
            String address = resolve(ref).get("address").asText();
            actionsByAddress.computeIfAbsent(address, a -> new TreeSet<>()).add(op.get("action").asText());
        });
        for (String topic : Topics.ALL) {
            assertThat(actionsByAddress).as("operations").containsKeys(topic, Topics.dlq(topic));
        }
        assertThat(actionsByAddress.get(Topics.INVENTORY_AVAILABILITY)).containsExactly("send");
        assertThat(actionsByAddress.get(Topics.WMS_STOCK_MOVEMENTS)).containsExactly("receive");
        assertThat(actionsByAddress.get(Topics.dlq(Topics.WMS_STOCK_MOVEMENTS))).containsExactly("receive", "send");
    }

    @Test
    void documentsEveryCloudEventTypeAndNoOther() throws IllegalAccessException {
        Set<String> constants = new HashSet<>();
        for (Field f : CloudEventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        Set<String> documented = new HashSet<>();
        doc.get("components").get("messages").forEach(m -> {
            JsonNode type = m.get("headers").path("properties").path("ce_type").path("const");
            if (!type.isMissingNode()) {
                documented.add(type.asText());
                assertThat(m.get("title").asText()).isEqualTo(type.asText());
                assertThat(m.get("examples").get(0).get("headers").get("ce_type").asText()).isEqualTo(type.asText());
            }
        });
        assertThat(documented).containsExactlyInAnyOrderElementsOf(constants);
        String text = doc.toString();
        constants.forEach(c -> assertThat(text).contains(c));
    }

    @Test
    void availabilityIsCompactedAndKafkaBindingsArePresent() {
        doc.get("channels").forEach(c -> {
            JsonNode kafka = c.get("bindings").get("kafka");
            assertThat(kafka.get("topic").asText()).isEqualTo(c.get("address").asText());
            assertThat(kafka.get("partitions").asInt()).isPositive();
            String policy = kafka.get("topicConfiguration").get("cleanup.policy").toString();
            assertThat(policy).isEqualTo(Topics.INVENTORY_AVAILABILITY.equals(c.get("address").asText())
                    ? "[\"compact\"]" : "[\"delete\"]");
        });
        assertThat(doc.get("servers").get("local").get("host").asText()).isEqualTo("127.0.0.1:9092");
        assertThat(doc.get("servers").get("local").get("protocol").asText()).isEqualTo("kafka");
    }

    @Test
    void schemasNameExactlyTheRecordFields() {
        JsonNode schemas = doc.get("components").get("schemas");
        List<String> mismatches = new ArrayList<>();
        SCHEMAS.forEach((name, type) -> {
            JsonNode schema = schemas.get(name);
            assertThat(schema).as("schema " + name).isNotNull();
            Set<String> documented = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(documented::add);
            Set<String> fields = new TreeSet<>();
            Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(fields::add);
            if (!documented.equals(fields)) {
                mismatches.add(name + ": documented " + documented + " but " + type.getSimpleName() + " has " + fields);
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyMessageHasAnExampleThatTheRecordReadsWithoutLoss() {
        JsonNode messages = doc.get("components").get("messages");
        messages.fields().forEachRemaining(entry -> {
            JsonNode message = entry.getValue();
            assertThat(message.get("examples")).as(entry.getKey() + " examples").hasSize(1);
            JsonNode ref = message.get("payload").get("$ref");
            if (ref == null) {
                return; // the dead letter payload is whatever the original record held
            }
            String schema = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
            Class<? extends Record> type = SCHEMAS.get(schema);
            assertThat(type).as("record for " + schema).isNotNull();
            JsonNode example = message.get("examples").get(0).get("payload");

            Object value = Json.read(example.toString(), type);
            JsonNode written = Json.mapper().valueToTree(value);

            assertThat(written.equals(NUMERICALLY, example))
                    .as(entry.getKey() + " example survives the record:\n  example %s\n  written %s", example, written)
                    .isTrue();
        });
    }

    /**
     * YAML reads 12.50 as a double and the record writes a BigDecimal; java.time writes .530 as .53.
     * Both are the same value on the wire, so compare values, not spellings.
     */
    static final Comparator<JsonNode> NUMERICALLY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        if (a.isTextual() && b.isTextual() && !a.equals(b)) {
            try {
                return OffsetDateTime.parse(a.asText()).isEqual(OffsetDateTime.parse(b.asText())) ? 0 : 1;
            } catch (DateTimeParseException notATimestamp) {
                return 1;
            }
        }
        return a.equals(b) ? 0 : 1;
    };

    private static JsonNode resolve(String ref) {
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }
}
