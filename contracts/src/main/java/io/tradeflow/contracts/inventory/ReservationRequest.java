package io.tradeflow.contracts.inventory;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /api/v1/reservations}.
 *
 * @param reservationId chosen by the caller; the same id always gets the same outcome
 * @param ttlSeconds    the hold releases itself after this long unless committed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReservationRequest(String reservationId, String orderId, String channel, ReservationPolicy policy,
                                 Integer ttlSeconds, List<Line> lines) {

    public record Line(String sku, BigDecimal quantity) {
    }
}
