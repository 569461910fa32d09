package io.tradeflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CancelSalesOrderCommand;
import io.tradeflow.contracts.partners.PartnerDocumentRef;
import io.tradeflow.contracts.pricing.ListPrice;

class JsonRoundTripTest {

    static Stream<Object> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsWithoutLoss(Object sample) {
        String json = Json.write(sample);
        Object back = Json.read(json, sample.getClass());
        assertThat(back).isEqualTo(sample);
        // A second pass must be byte-identical, or producers and consumers would disagree on hashes/dedup.
        assertThat(Json.write(back)).isEqualTo(json);
    }

    @Test
    void everyContractRecordHasASample() throws IOException {
        Path classes = Paths.get(StockMovement.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Set<Class<?>> sampled = new HashSet<>();
        Samples.all().forEach(s -> sampled.add(s.getClass()));
        Set<String> missing;
        try (Stream<Path> files = Files.walk(classes)) {
            missing = files.map(p -> classes.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && p.startsWith("io/tradeflow/contracts/"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .map(JsonRoundTripTest::load)
                    .filter(Class::isRecord)
                    .filter(c -> !c.getPackageName().endsWith(".events"))
                    .filter(c -> !sampled.contains(c) && !nestedIn(c, sampled))
                    .map(Class::getName)
                    .collect(Collectors.toSet());
        }
        assertThat(missing).as("records without a round-trip sample").isEmpty();
    }

    @Test
    void writesWireFormatConsumersExpect() {
        JsonNode movement = Json.mapper().valueToTree(Samples.all().stream()
                .filter(StockMovement.class::isInstance).findFirst().orElseThrow());
        String json = Json.write(new ListPrice("LP-1", 7, false, "HX-1001",
                new io.tradeflow.contracts.common.Money(new java.math.BigDecimal("1E+1"), "USD"), "EA",
                Samples.D, null));

        assertThat(json).contains("\"amount\":10").doesNotContain("1E+1");
        assertThat(json).contains("\"validFrom\":\"2025-03-08\"").doesNotContain("validTo");
        assertThat(movement.get("occurredAt").asText()).isEqualTo("2025-03-01T09:03:27.512345-05:00");
        assertThat(movement.get("type").asText()).isEqualTo("TRANSFER");
        assertThat(movement.has("expectedQuantity")).isFalse();
        assertThat(Json.write(new CancelSalesOrderCommand("ord-1", null, null))).isEqualTo("{\"orderId\":\"ord-1\"}");
        assertThat(Json.mapper().valueToTree(Samples.all().get(Samples.all().size() - 1)).get("documentType").asText())
                .isEqualTo("856");
    }

    @Test
    void aMapperConfiguredWithApplyWritesTheSameBytes() throws Exception {
        var quarkusLike = Json.apply(new com.fasterxml.jackson.databind.ObjectMapper());
        for (Object sample : Samples.all()) {
            String json = quarkusLike.writeValueAsString(sample);
            assertThat(json).isEqualTo(Json.write(sample));
            assertThat(quarkusLike.readValue(json, sample.getClass())).isEqualTo(sample);
        }
    }

    @Test
    void readsWhatOtherSystemsSend() {
        StockMovement m = Json.read("""
                {"sku":"HX-1001","location":"DC-EAST","type":"RECEIPT","quantity":1.50,
                 "occurredAt":"2025-03-01T14:03:27Z","addedLater":{"x":1}}""", StockMovement.class);
        assertThat(m.quantity()).isEqualByComparingTo("1.5");
        assertThat(m.quantity().scale()).as("exact decimal, not a double").isEqualTo(2);
        assertThat(m.occurredAt().getOffset().getTotalSeconds()).isZero();

        PartnerDocumentRef ref = Json.read("{\"partnerId\":\"p\",\"documentType\":\"997\",\"direction\":\"INBOUND\"}",
                PartnerDocumentRef.class);
        assertThat(ref.documentType().code()).isEqualTo("997");
    }

    @Test
    void rejectsUnknownEnumValuesSoTheyCanBeDeadLettered() {
        assertThatThrownBy(() -> Json.read("""
                {"sku":"HX-1001","location":"DC-EAST","type":"TELEPORT","quantity":1}""", StockMovement.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StockMovement")
                .hasMessageContaining("TELEPORT");
        assertThatThrownBy(() -> Json.read("{not json", StockMovement.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean nestedIn(Class<?> c, Set<Class<?>> sampled) {
        // Nested records (lines, per-channel figures) are covered by their enclosing sample.
        return c.getEnclosingClass() != null && sampled.contains(c.getEnclosingClass());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

}
