package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * One return against an order (an RMA), as stored on the order and shown on its status page.
 *
 * @param idempotencyKey the caller's key, so an authorisation sent twice is one return
 * @param state          AUTHORISED, then RECEIVED when the warehouse checks the goods in (the credit memo is then
 *                       requested from the ERP), then CREDITED when the ERP posts it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnAuthorisation(String returnId, String idempotencyKey, String state, String reason,
                                  List<Line> lines, OffsetDateTime authorisedAt, OffsetDateTime receivedAt,
                                  String creditMemoNumber, Money creditTotal, OffsetDateTime creditedAt) {
    public static final String AUTHORISED = "AUTHORISED";
    public static final String RECEIVED = "RECEIVED";
    public static final String CREDITED = "CREDITED";

    /** @param received null until the warehouse checks the line in; at most what was authorised is credited */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, String sku, BigDecimal authorised, String unitOfMeasure, BigDecimal unitPrice,
                       BigDecimal received, String condition) {
    }

    ReturnAuthorisation received(List<Line> checkedIn, OffsetDateTime at) {
        return new ReturnAuthorisation(returnId, idempotencyKey, RECEIVED, reason, List.copyOf(checkedIn),
                authorisedAt, at, null, null, null);
    }

    ReturnAuthorisation credited(String memo, Money total, OffsetDateTime at) {
        return new ReturnAuthorisation(returnId, idempotencyKey, CREDITED, reason, lines, authorisedAt, receivedAt,
                memo, total, at);
    }
}
