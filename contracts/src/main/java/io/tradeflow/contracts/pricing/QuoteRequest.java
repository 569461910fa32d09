package io.tradeflow.contracts.pricing;

import java.math.BigDecimal;
import java.util.List;

/** Body of {@code POST /api/v1/quotes}. */
public record QuoteRequest(String customerId, String channel, String currency, List<Line> lines) {

    public record Line(String sku, BigDecimal quantity, String unitOfMeasure) {
    }
}
