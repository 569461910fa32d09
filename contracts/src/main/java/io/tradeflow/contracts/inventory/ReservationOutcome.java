package io.tradeflow.contracts.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Answer to a reservation request, and its later state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReservationOutcome(String reservationId, String orderId, ReservationStatus status,
                                 ReservationPolicy policy, List<Line> lines, OffsetDateTime expiresAt) {

    /**
     * @param shortfall requested - what could have been held; for ALL_OR_NOTHING refusals this is
     *                  the figure the 409 reports per line
     * @param shipped   units committed so far by shipments that named their lines (absent until one did)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String sku, BigDecimal requested, BigDecimal reserved, BigDecimal backordered,
                       BigDecimal shortfall, BigDecimal shipped) {
        public Line(String sku, BigDecimal requested, BigDecimal reserved, BigDecimal backordered,
                    BigDecimal shortfall) {
            this(sku, requested, reserved, backordered, shortfall, null);
        }

        public Line withShipped(BigDecimal more) {
            return new Line(sku, requested, reserved, backordered, shortfall,
                    shipped == null ? more : shipped.add(more));
        }
    }
}
