package io.tradeflow.contracts.partners;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.Shipment;

/**
 * What a marketplace or 3PL partner, which sends JSON orders rather than X12, is sent as its order moves on: the JSON
 * counterpart of the 855 (ACCEPTED, ACCEPTED_WITH_CHANGES or REJECTED), the 856 (SHIPPED, with the shipment and its
 * tracking) and the 810 (INVOICED, with the invoice). Partners pull it at
 * {@code GET /api/v1/partners/{id}/documents?direction=outbound} or get it pushed to their webhook.
 *
 * @param documentType the X12 set it stands for (855, 856 or 810), so one partner integration reads both kinds
 * @param orderNumber  the partner's own order number, exactly as it sent it
 * @param orderKey     the gateway's key of this attempt at the order ({@code partner:orderNumber}, {@code #n} added
 *                     for an order number sent again after a refusal; a {@code #} in the order number is doubled)
 * @param reason       why the order will not be filled (REJECTED only); the partner may send the order again
 * @param lines        855: every ordered line and what became of it; 856 and 810 carry their own lines
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerOrderUpdate(PartnerDocumentType documentType, Status status, String orderNumber,
                                 String orderKey, String erpOrderNumber, String currency, OffsetDateTime occurredAt,
                                 String reason, List<Line> lines, Shipment shipment, InvoicePosted invoice) {

    public enum Status {
        /** Every line accepted as ordered (855 BAK02 AD). */
        ACCEPTED,
        /** Accepted with a backorder, a shorter quantity or another price on some line (BAK02 AC). */
        ACCEPTED_WITH_CHANGES,
        /** Will not be filled (BAK02 RD); {@code reason} says why. */
        REJECTED,
        SHIPPED,
        INVOICED
    }

    /** What became of one ordered line, as the 855's ACK segments tell it. */
    public enum LineStatus {
        /** All of it held for the order (ACK IA, or IP with a changed price). */
        ACCEPTED,
        /** Part held, the rest backordered (ACK IA/IP and IB). */
        PARTIALLY_BACKORDERED,
        /** None held yet, all backordered (ACK IB). */
        BACKORDERED,
        /** Not filled (ACK IR). */
        REJECTED
    }

    /**
     * @param accepted         quantity held for the order
     * @param unitPrice        the price the distributor charges (its ERP's rules), null when the order was refused
     *                         before pricing
     * @param partnerUnitPrice the price the partner sent, if any
     * @param priceChanged     the two prices differ: the partner must accept ours or cancel
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, BigDecimal accepted,
                       BigDecimal backordered, Money unitPrice, Money partnerUnitPrice, boolean priceChanged,
                       LineStatus status) {
    }
}
