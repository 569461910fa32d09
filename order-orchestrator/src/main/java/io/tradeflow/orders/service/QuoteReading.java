package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads pricing's quote answer leniently: {@code id} or {@code quoteId}; money as a number or as
 * {@code {amount, currency}}; the source as a string or as the list of ERP records used.
 */
public record QuoteReading(String quoteId, String currency, OffsetDateTime validUntil, List<Line> lines) {

    public record Line(String sku, BigDecimal unitPrice, BigDecimal extendedPrice, String rule, String source,
                       OffsetDateTime validUntil, String unpriceableReason) {
        public boolean priced() {
            return unpriceableReason == null && unitPrice != null;
        }
    }

    public static QuoteReading of(JsonNode quote) {
        String id = quote.hasNonNull("quoteId") ? quote.get("quoteId").asText() : quote.path("id").asText(null);
        List<Line> lines = new ArrayList<>();
        for (JsonNode line : quote.path("lines")) {
            lines.add(new Line(line.path("sku").asText(), money(line.get("unitPrice")), money(line.get("extendedPrice")),
                    text(line.get("rule")), source(line), time(line.get("validUntil")),
                    text(line.get("unpriceableReason"))));
        }
        return new QuoteReading(id, text(quote.get("currency")), time(quote.get("validUntil")), lines);
    }

    /** The line for a SKU, or null when pricing left it out. */
    public Line line(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).findFirst().orElse(null);
    }

    static BigDecimal money(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode amount = node.isObject() ? node.get("amount") : node;
        return amount == null || amount.isNull() ? null : new BigDecimal(amount.asText());
    }

    private static String source(JsonNode line) {
        JsonNode source = line.has("source") ? line.get("source") : line.get("sources");
        if (source == null || source.isNull()) {
            return null;
        }
        if (source.isTextual()) {
            return source.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode s : source.isArray() ? source : List.of(source)) {
            parts.add(s.path("erpRecordId").asText("?") + "@v" + s.path("version").asText("?"));
        }
        return String.join(",", parts);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static OffsetDateTime time(JsonNode node) {
        return node == null || node.isNull() ? null : OffsetDateTime.parse(node.asText());
    }
}
