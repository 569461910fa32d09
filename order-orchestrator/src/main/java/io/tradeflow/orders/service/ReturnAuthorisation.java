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
 * @param creditMemos    every ERP credit memo counted in {@code creditTotal}, so a memo redelivered after a later one
 *                       is not counted twice (null on returns stored before it was kept: their one memo is
 *                       {@code creditMemoNumber})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnAuthorisation(String returnId, String idempotencyKey, String state, String reason,
                                  List<Line> lines, OffsetDateTime authorisedAt, OffsetDateTime receivedAt,
                                  List<Credit> lastReceipt, String creditMemoNumber, Money creditTotal,
                                  OffsetDateTime creditedAt, List<String> creditMemos) {
    public static final String AUTHORISED = "AUTHORISED";
    public static final String RECEIVED = "RECEIVED";
    public static final String CREDITED = "CREDITED";

    /** @param received what the warehouse checked in so far (boxes may come separately); at most what was authorised */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, String sku, BigDecimal authorised, String unitOfMeasure, BigDecimal unitPrice,
                       BigDecimal received, String condition) {
        BigDecimal receivedSoFar() {
            return received == null ? BigDecimal.ZERO : received;
        }
    }

    /** What one check-in adds to the credit: the credit memo requested for it carries exactly these. */
    public record Credit(int lineNumber, BigDecimal quantity) {
    }

    ReturnAuthorisation received(List<Line> checkedIn, List<Credit> receipt, OffsetDateTime at) {
        return new ReturnAuthorisation(returnId, idempotencyKey, RECEIVED, reason, List.copyOf(checkedIn),
                authorisedAt, at, List.copyOf(receipt), creditMemoNumber, creditTotal, creditedAt, creditMemos);
    }

    /** A memo per check-in: the total adds up, the number shown is the latest. */
    ReturnAuthorisation credited(String memo, Money total, OffsetDateTime at) {
        Money sum = creditTotal == null || total == null || !creditTotal.currency().equals(total.currency()) ? total
                : new Money(creditTotal.amount().add(total.amount()), total.currency());
        List<String> memos = new java.util.ArrayList<>(creditMemos());
        memos.add(memo);
        return new ReturnAuthorisation(returnId, idempotencyKey, CREDITED, reason, lines, authorisedAt, receivedAt,
                lastReceipt, memo, sum, at, List.copyOf(memos));
    }

    /** The memos counted so far, including the one of a return stored before they were all kept. */
    public List<String> creditMemos() {
        if (creditMemos != null) {
            return creditMemos;
        }
        return creditMemoNumber == null ? List.of() : List.of(creditMemoNumber);
    }
}
