package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.json.StorableValues;
import io.tradeflow.contracts.pricing.QuoteRequest;
import io.tradeflow.orders.client.BusinessRefusal;
import io.tradeflow.orders.client.PricingCalls;
import io.tradeflow.orders.repository.CustomerCredit;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.CreditRule;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.orders.service.saga.StuckReason;
import io.tradeflow.platform.correlation.CorrelationIds;

/**
 * Prices an order with pricing-service: the order's quote while it is valid, otherwise a fresh quote.
 * Pricing decides the price; a buyer's expected price or an expired quote that differs is flagged on the
 * line, never silently used. The credit limit is checked against the priced total.
 */
@ApplicationScoped
public class Pricing {
    @Inject
    PricingCalls calls;
    @Inject
    OrderDocuments documents;

    /** @param quoteNote why the order's quote was not used, or null */
    public record Outcome(QuoteReading quote, String quoteNote) {
    }

    Uni<Outcome> price(CustomerOrder order) {
        if (order.quoteId == null) {
            return fresh(order, null);
        }
        return calls.existingQuote(order.quoteId, CorrelationIds.current())
                .map(QuoteReading::of)
                .chain(quote -> quote.validUntil() != null && quote.validUntil().isBefore(OffsetDateTime.now())
                        ? fresh(order, "quote " + order.quoteId + " expired")
                        : Uni.createFrom().item(new Outcome(quote, null)))
                .onFailure(e -> e instanceof BusinessRefusal r && r.status() == 404)
                .recoverWithUni(e -> fresh(order, "quote " + order.quoteId + " unknown to pricing"));
    }

    private Uni<Outcome> fresh(CustomerOrder order, String note) {
        List<QuoteRequest.Line> lines = new ArrayList<>();
        for (OrderLineStatus l : documents.lines(order)) {
            lines.add(new QuoteRequest.Line(l.sku(), l.quantity(), l.unitOfMeasure()));
        }
        return calls.quote(new QuoteRequest(order.customerId, order.channel, order.currency, lines),
                CorrelationIds.current()).map(answer -> new Outcome(QuoteReading.of(answer), note));
    }

    /** Under the saga's lock: writes prices onto the lines and decides priced, refused or over the credit limit. */
    SagaEvent apply(CustomerOrder order, Outcome outcome, SagaPosting.Facts facts) {
        List<OrderLineStatus> priced = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        List<String> unpriceable = new ArrayList<>();
        int flagged = 0;
        for (OrderLineStatus l : documents.lines(order)) {
            QuoteReading.Line q = outcome.quote().line(l.sku());
            if (q == null || !q.priced()) {
                unpriceable.add("line " + l.lineNumber() + " " + l.sku() + ": "
                        + (q == null ? "not quoted" : q.unpriceableReason()));
                priced.add(l);
                continue;
            }
            BigDecimal extended = q.extendedPrice() != null ? q.extendedPrice() : q.unitPrice().multiply(l.quantity());
            String flag = flag(l, q, outcome.quoteNote());
            flagged += flag == null ? 0 : 1;
            priced.add(l.priced(q.unitPrice(), extended, q.rule(), q.source(), q.validUntil(), flag));
            total = total.add(extended);
        }
        documents.lines(order, priced);
        if (StorableValues.unstorable(total) != null) {
            // Each line was storable, their sum is not (numeric(19,4)): no ERP takes such an order either, so it is
            // refused here rather than failing the saga's write and retrying for ever.
            order.total = null;
            return new SagaEvent.PriceRefused("order total " + total.toPlainString() + " " + order.currency
                    + " is beyond what an order can carry (less than 10^15)", StuckReason.PRICE_MISMATCH);
        }
        order.total = total;
        if (!unpriceable.isEmpty()) {
            return new SagaEvent.PriceRefused("no price for " + String.join("; ", unpriceable),
                    StuckReason.PRICE_MISMATCH);
        }
        String summary = "priced at " + total.toPlainString() + " " + order.currency
                + (outcome.quote().quoteId() == null ? "" : " (quote " + outcome.quote().quoteId() + ")")
                + (flagged == 0 ? "" : ", " + flagged + " line(s) flagged for a price difference");
        CustomerCredit credit = facts.credit();
        String refusal = credit == null ? null
                : CreditRule.refusalAfterPricing(credit.creditLimit, credit.openBalance, facts.openOrderValue(), total);
        return refusal == null ? new SagaEvent.Priced(summary) : new SagaEvent.CustomerRefused(refusal);
    }

    private static String flag(OrderLineStatus line, QuoteReading.Line q, String quoteNote) {
        if (line.requestedUnitPrice() != null && line.requestedUnitPrice().compareTo(q.unitPrice()) != 0) {
            return "buyer expected " + line.requestedUnitPrice().toPlainString() + ", priced "
                    + q.unitPrice().toPlainString();
        }
        return quoteNote == null ? null : quoteNote + "; repriced";
    }

}
