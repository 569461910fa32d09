package io.tradeflow.contracts.orders;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.partners.PartnerRef;

/**
 * An order as every channel places it: the body of {@code POST /api/v1/orders} and the payload of
 * {@code orders.inbound} (key = partnerId:customerPoNumber for partner orders).
 *
 * @param orderId    null until the orchestrator assigns one
 * @param quoteId    a quote to honour while it is valid
 * @param partnerRef set for EDI and marketplace orders
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalOrder(String orderId, String customerId, String channel, String customerPoNumber,
                             LocalDate requestedDate, Address shipTo, String currency, List<OrderLine> lines,
                             String quoteId, PartnerRef partnerRef) {
}
